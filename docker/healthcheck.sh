#!/bin/sh
# pg_isready equivalent without a PostgreSQL client in the image: the server answers an SSLRequest
# with a single byte ('S' or 'N') as soon as it accepts connections. The jar sits beside this script
# (/opt/wirewrap in the image), so the same script checks a copy of that layout anywhere.
here="$(dirname "$0")"
exec java -cp "$here/wirewrap.jar" io.wirewrap.server.HealthCheck "127.0.0.1" "${WIREWRAP_PORT:-5433}"
