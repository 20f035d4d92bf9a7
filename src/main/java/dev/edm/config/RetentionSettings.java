package dev.edm.config;

/** How long raw delivery bodies are kept ({@code EDM_RETENTION_DAYS}); 0 keeps them forever. */
public record RetentionSettings(int retentionDays) {
    public static final int DEFAULT_DAYS = 90;

    public RetentionSettings {
        if (retentionDays < 0) {
            throw new ConfigException("EDM_RETENTION_DAYS", "must be 0 (keep forever) or a number of days");
        }
    }

    public boolean keepsForever() {
        return retentionDays == 0;
    }
}
