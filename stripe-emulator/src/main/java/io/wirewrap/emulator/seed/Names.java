package io.wirewrap.emulator.seed;

import java.util.SplittableRandom;

/** Word lists for plausible customer and product names, some of them deliberately non-ASCII. */
final class Names {
    private Names() {}

    static final String[] FIRST = {"Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Ken", "Frances", "Dennis",
            "Radia", "José", "Zoë", "Søren", "Chloé", "François", "Mária", "Björn", "Łukasz", "Ngozi", "Priya",
            "Hiroshi", "Aroha", "Mateo", "Olga", "Yusuf", "Émile"};
    static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Thompson", "Allen",
            "Ritchie", "Perlman", "Álvarez", "Müller", "Kierkegaard", "Dubois", "Nørgaard", "Kowalski", "Okafor",
            "Sharma", "Tanaka", "Ngata", "García", "Ivanova", "Yılmaz", "Brontë"};
    /** Whole names in scripts other than Latin, used now and then. */
    static final String[] NON_LATIN = {"李雷", "韩梅梅", "Дмитрий Соколов", "Σοφία Παπαδοπούλου", "محمد الأحمد",
            "佐藤 花子", "김민준", "שרה כהן"};
    static final String[] PRODUCTS = {"Starter", "Pro", "Team", "Enterprise", "Add-on seats", "Priority support",
            "Café Premium ☕", "Über Analytics", "Storage 1 TB", "API calls (10k)", "Onboarding", "Données Plus",
            "Training day", "Audit log", "SSO", "Résumé builder"};
    static final String[] PLANS = {"free", "starter", "pro", "enterprise"};
    static final String[] SEGMENTS = {"smb", "mid_market", "enterprise", "startup"};
    static final String[] CITIES = {"Berlin", "Paris", "London", "New York", "São Paulo", "Zürich", "Kraków", "Tokyo"};
    static final String[] COUNTRIES = {"DE", "FR", "GB", "US", "BR", "CH", "PL", "JP"};
    static final String[] BRANDS = {"visa", "mastercard", "amex", "visa", "mastercard", "discover"};

    static String pick(SplittableRandom r, String[] from) { return from[r.nextInt(from.length)]; }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
    private static final java.util.regex.Pattern NOT_ALNUM = java.util.regex.Pattern.compile("[^a-z0-9]");
    private static final java.util.Map<String, String> ASCII = new java.util.concurrent.ConcurrentHashMap<>();

    /** Lower-case ASCII for e-mail local parts (memoised: the word lists are short). */
    static String ascii(String s) {
        return ASCII.computeIfAbsent(s, w -> {
            String n = MARKS.matcher(java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFD)).replaceAll("");
            n = n.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ı", "i");
            return NOT_ALNUM.matcher(n.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
        });
    }
}
