#!/bin/sh
# pg_isready equivalent without a PostgreSQL client in the image: the server answers an SSLRequest
# with a single byte ('S' or 'N') as soon as it accepts connections.
exec java -cp /opt/wirewrap/wirewrap.jar io.wirewrap.server.HealthCheck "127.0.0.1" "${WIREWRAP_PORT:-5433}"
