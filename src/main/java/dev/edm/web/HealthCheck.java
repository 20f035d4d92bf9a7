package dev.edm.web;

import java.util.Map;

/** Answers whether the service can do its work; each named check is "ok" or says what failed. */
@FunctionalInterface
public interface HealthCheck {
    Map<String, String> run();

    static boolean allOk(Map<String, String> checks) {
        return checks.values().stream().allMatch("ok"::equals);
    }
}
