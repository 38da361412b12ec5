package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.assigned;
import static dev.clearance.internal.detect.secret.SecretRule.token;
import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.List;

/**
 * More provider token formats, each from the provider's own documentation of its prefix, alphabet and length:
 * developer tools, registries, CI, observability, messaging webhooks, tokens in URL paths, and base64-encoded
 * private keys. Part of the table {@link SecretRules#all()} lists.
 */
final class DeveloperTokenRules {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private DeveloperTokenRules() {}

    static List<SecretRule> rules() {
        return List.of(
                // ---- registries and developer tools
                token("dockerhub-pat", 3, "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}", "dckr_pat_", "dckr_oat_"),
                token("dependency-track-api-key", 3, "odt_[A-Za-z0-9]{32,64}", "odt_"),
                token("adafruit-io-key", 3, "aio_[A-Za-z0-9]{28}", "aio_"),
                token("sourcegraph-access-token", 3, "sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}", "sgp_"),
                token("sourcegraph-access-token", 3, "sgph_[a-f0-9]{16}_[a-f0-9]{40}", "sgph_"),
                token("figma-pat", 3, "figd_[A-Za-z0-9_-]{40,64}", "figd_"),
                token("supabase-access-token", 3, "sbp_[a-f0-9]{40}", "sbp_"),
                token("buildkite-api-token", 3, "bkua_[a-f0-9]{40}", "bkua_"),
                token("circleci-api-token", 3, "CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}", "ccipat_", "cciprj_"),
                token(
                        "tailscale-api-key",
                        3,
                        "tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64}",
                        "tskey-"),
                token("contentful-pat", 3, "CFPAT-[A-Za-z0-9_-]{43}", "cfpat-"),
                token("notion-api-token", 3, "ntn_[A-Za-z0-9]{40,50}", "ntn_"),
                token("google-oauth-client-secret", 3, "GOCSPX-[A-Za-z0-9_-]{28}", "gocspx-"),
                token("google-oauth-access-token", 3, "ya29\\.[A-Za-z0-9_-]{30,1000}", "ya29."),
                token("vault-recovery-token", 3, "hvr\\.[A-Za-z0-9_-]{24,300}", "hvr."),
                assigned(
                        "vault-token",
                        3,
                        "[sbr]\\.[a-z0-9]{24,32}",
                        "vault_token",
                        "vault_client_token",
                        "vault-token"),
                token("django-secret-key", 3.5, "django-insecure-[a-z0-9!@#$%^&*(=+)_-]{40,60}", "django-insecure-"),
                // Kubernetes bootstrap tokens: token-secret in a bootstrap-token Secret
                assigned("kubernetes-bootstrap-token", 0, "[a-z0-9]{16}", "token-secret"),
                // ---- observability
                token("new-relic-query-key", 3, "NRIQ-[A-Za-z0-9_-]{27,40}", "nriq-"),
                token("new-relic-admin-key", 3, "NR(?:AA|RA)-[a-f0-9]{27,42}", "nraa-", "nrra-"),
                // ---- messaging and email
                assigned(
                        "postmark-api-token",
                        0,
                        UUID,
                        "postmark",
                        "x-postmark-server-token",
                        "x-postmark-account-token"),
                tokenAround(
                        "microsoft-teams-webhook",
                        3,
                        160,
                        90,
                        "https://[a-z0-9.-]{0,40}outlook\\.office(?:365)?\\.com/webhook/" + UUID + "@" + UUID
                                + "/IncomingWebhook/[a-f0-9]{32}/" + UUID,
                        "/incomingwebhook/"),
                tokenAround(
                        "google-chat-webhook",
                        3,
                        0,
                        300,
                        "https://chat\\.googleapis\\.com/v1/spaces/[A-Za-z0-9_-]{8,20}/messages\\?key=[A-Za-z0-9_-]{39}"
                                + "&token=[A-Za-z0-9_%=-]{40,60}",
                        "chat.googleapis.com/v1/spaces/"),
                tokenAround(
                        "zapier-webhook-url",
                        2,
                        0,
                        120,
                        "https://hooks\\.zapier\\.com/hooks/catch/[0-9]{5,12}/[a-z0-9]{5,12}/?",
                        "hooks.zapier.com/hooks/catch/"),
                // ---- CI / dev-ops
                assigned(
                        "azure-devops-pat",
                        3,
                        "[a-z2-7]{52}|[a-z0-9]{76}azdo[a-z0-9]{4}",
                        "ado_",
                        "azure_devops",
                        "azuredevops",
                        "azure-devops",
                        "devops_pat",
                        "devops_token"),
                tokenAround("azure-devops-pat", 3, 80, 10, "[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}", "azdo"),
                // ---- IoT device tokens in URL paths
                tokenAround(
                        "thingsboard-access-token",
                        2,
                        0,
                        200,
                        "(?i)thingsboard[\\w.-]{0,60}(?::[0-9]{1,5})?/api/v1/([a-z0-9]{20})/"
                                + "(?:telemetry|attributes|rpc|claim)",
                        "thingsboard"),
                // ---- a PEM private key, base64-encoded (an env var or a Kubernetes secret holding the PEM text)
                token(
                        "private-key-base64",
                        0,
                        "LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}(?:UFJJVkFURSBLRVk|SSVZBVEUgS0VZ|UklWQVRFIEtF)"
                                + "[A-Za-z0-9+/]{40,}={0,2}",
                        "ls0tls1crudjti"));
    }
}
