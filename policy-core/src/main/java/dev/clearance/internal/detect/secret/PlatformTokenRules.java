package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRule.assigned;
import static dev.clearance.internal.detect.secret.SecretRule.token;
import static dev.clearance.internal.detect.secret.SecretRule.tokenAround;

import java.util.List;

/** Token formats of AI providers, clouds, version control, CI and package registries. Part of the table {@link SecretRules#all()} lists. */
final class PlatformTokenRules {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private PlatformTokenRules() {}

    static List<SecretRule> rules() {
        return List.of(
                // ---- AI providers
                tokenAround(
                        "openai-api-key",
                        3,
                        120,
                        200,
                        "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}"
                                + "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
                        "t3blbkfj"),
                token(
                        "openai-api-key",
                        4,
                        "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,250}",
                        "sk-proj-",
                        "sk-svcacct-",
                        "sk-admin-"),
                token("openrouter-api-key", 3, "sk-or-v1-[a-f0-9]{64}", "sk-or-v1-"),
                token(
                        "anthropic-api-key",
                        0,
                        "sk-ant-(?:api|oat)\\d\\d-[A-Za-z0-9_-]{93}AA",
                        "sk-ant-api",
                        "sk-ant-oat"),
                token("anthropic-admin-api-key", 0, "sk-ant-admin\\d\\d-[A-Za-z0-9_-]{93}AA", "sk-ant-admin"),
                token("gcp-api-key", 4, "AIza[A-Za-z0-9_-]{35}", "aiza"),
                token("huggingface-access-token", 2, "hf_[A-Za-z]{34}", "hf_"),
                token("huggingface-organization-api-token", 2, "api_org_[A-Za-z]{34}", "api_org_"),
                assigned("cohere-api-token", 4, "[a-z0-9]{40}", "cohere", "co_api_key"),
                assigned("mistral-api-key", 3.5, "[a-z0-9]{32}", "mistral"),
                token("perplexity-api-key", 4, "pplx-[A-Za-z0-9]{48}", "pplx-"),
                token("groq-api-key", 3.5, "gsk_[A-Za-z0-9]{52}", "gsk_"),
                token("replicate-api-token", 3.5, "r8_[A-Za-z0-9]{37}", "r8_"),
                token("xai-api-key", 3.5, "xai-[A-Za-z0-9]{80}", "xai-"),
                token("langsmith-api-key", 3, "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", "lsv2_"),
                token("pinecone-api-key", 3.5, "pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80}", "pcsk_"),
                token("fireworks-api-key", 3.5, "fw_[A-Za-z0-9]{24}", "fw_"),
                assigned("deepseek-api-key", 3, "sk-[a-f0-9]{32}", "deepseek"),
                assigned("together-api-key", 3, "[a-f0-9]{64}|tgp_v1_[A-Za-z0-9_-]{40,50}", "together"),
                assigned("elevenlabs-api-key", 3, "(?:sk_)?[a-f0-9]{32,48}", "elevenlabs", "xi-api-key", "xi_api_key"),
                // ---- cloud
                token(
                        "aws-access-token",
                        3,
                        "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
                        "a3t",
                        "akia",
                        "asia",
                        "abia",
                        "acca"),
                assigned(
                        "aws-secret-access-key",
                        4,
                        "[a-z0-9/+]{40}",
                        "aws_secret",
                        "awssecret",
                        "aws-secret",
                        "secret_access_key",
                        "secretaccesskey",
                        "aws_session",
                        "aws secret"),
                token("aws-amazon-bedrock-api-key-long-lived", 3, "ABSK[A-Za-z0-9+/]{109,269}={0,2}", "absk"),
                token(
                        "aws-amazon-bedrock-api-key-short-lived",
                        3,
                        "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]*",
                        "bedrock-api-key-"),
                tokenAround(
                        "azure-ad-client-secret",
                        3,
                        8,
                        60,
                        "(?:^|[^A-Za-z0-9_~./-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})",
                        "q~"),
                tokenAround(
                        "azure-storage-account-key",
                        4,
                        16,
                        120,
                        "(?i:accountkey|sharedaccesskey)\\s*=\\s*([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)",
                        "accountkey",
                        "sharedaccesskey"),
                assigned("gcp-service-account-key-id", 3, "[a-f0-9]{40}", "private_key_id"),
                tokenAround("alibaba-access-key-id", 2, 0, 40, "LTAI[A-Za-z0-9]{20}", "ltai"),
                assigned("alibaba-secret-key", 2, "[a-z0-9]{30}", "alibaba"),
                token("digitalocean-access-token", 3, "doo_v1_[a-f0-9]{64}", "doo_v1_"),
                token("digitalocean-pat", 3, "dop_v1_[a-f0-9]{64}", "dop_v1_"),
                token("digitalocean-refresh-token", 3, "dor_v1_[a-f0-9]{64}", "dor_v1_"),
                token("cloudflare-origin-ca-key", 2, "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", "v1.0-"),
                assigned("cloudflare-api-key", 2, "[a-z0-9_-]{40}", "cloudflare"),
                assigned("cloudflare-global-api-key", 2, "[a-f0-9]{37}", "cloudflare"),
                token("heroku-api-key-v2", 4, "HRKU-AA[0-9A-Za-z_-]{58}", "hrku-aa"),
                assigned("heroku-api-key", 0, UUID, "heroku"),
                token(
                        "flyio-access-token",
                        4,
                        "fo1_[\\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}",
                        "fo1_",
                        "fm1",
                        "fm2_"),
                token("scalingo-api-token", 2, "tk-us-[\\w-]{48}", "tk-us-"),
                token("planetscale-api-token", 3, "pscale_tkn_[\\w=.-]{32,64}", "pscale_tkn_"),
                token("planetscale-oauth-token", 3, "pscale_oauth_[\\w=.-]{32,64}", "pscale_oauth_"),
                token("planetscale-password", 3, "pscale_pw_[\\w=.-]{32,64}", "pscale_pw_"),
                token("databricks-api-token", 3, "dapi[a-f0-9]{32}(?:-\\d)?", "dapi"),
                tokenAround(
                        "hashicorp-tf-api-token",
                        3.5,
                        16,
                        100,
                        "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}",
                        "atlasv1"),
                token("vault-service-token", 3.5, "hvs\\.[\\w-]{90,120}|s\\.[A-Za-z0-9]{24}", "hvs.", "s.")
                        .withDigit(),
                token("vault-batch-token", 4, "hvb\\.[\\w-]{138,300}", "hvb."),
                token("pulumi-api-token", 2, "pul-[a-f0-9]{40}", "pul-"),
                token("doppler-api-token", 2, "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}", "dp."),
                token("openshift-user-token", 3.5, "sha256~[\\w-]{43}", "sha256~"),
                token("octopus-deploy-api-key", 3, "API-[A-Z0-9]{26}", "api-"),
                token(
                        "harness-api-key",
                        3,
                        "(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}",
                        "pat.",
                        "sat."),
                token("infracost-api-token", 3, "ico-[A-Za-z0-9]{32}", "ico-"),
                token("prefect-api-token", 2, "pnu_[A-Za-z0-9]{36}", "pnu_"),
                token(
                        "age-secret-key",
                        0,
                        "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
                        "age-secret-key-1"),
                // ---- version control, CI and package registries
                token("github-pat", 3, "ghp_[0-9A-Za-z]{36}", "ghp_"),
                token("github-oauth", 3, "gho_[0-9A-Za-z]{36}", "gho_"),
                token("github-app-token", 3, "(?:ghu|ghs)_[0-9A-Za-z]{36}", "ghu_", "ghs_"),
                token("github-refresh-token", 3, "ghr_[0-9A-Za-z]{36}", "ghr_"),
                token("github-fine-grained-pat", 3, "github_pat_\\w{82}", "github_pat_"),
                token("gitlab-pat", 3, "glpat-[\\w-]{20}(?:[\\w-]{7,280}\\.[0-9a-z]{9})?", "glpat-"),
                token("gitlab-ptt", 3, "glptt-[0-9a-f]{40}", "glptt-"),
                token("gitlab-rrt", 3, "GR1348941[\\w-]{20}", "gr1348941"),
                token(
                        "gitlab-runner-authentication-token",
                        3,
                        "glrt-(?:t\\d_)?[0-9A-Za-z_-]{20}(?:[\\w-]{7,280}\\.[0-9a-z]{9})?",
                        "glrt-"),
                token("gitlab-cicd-job-token", 3, "glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}", "glcbt-"),
                token("gitlab-deploy-token", 3, "gldt-[0-9A-Za-z_-]{20}", "gldt-"),
                token("gitlab-feature-flag-client-token", 3, "glffct-[0-9A-Za-z_-]{20}", "glffct-"),
                token("gitlab-feed-token", 3, "glft-[0-9A-Za-z_-]{20}", "glft-"),
                token("gitlab-incoming-mail-token", 3, "glimt-[0-9A-Za-z_-]{25}", "glimt-"),
                token("gitlab-kubernetes-agent-token", 3, "glagent-[0-9A-Za-z_-]{50}", "glagent-"),
                token("gitlab-oauth-app-secret", 3, "gloas-[0-9A-Za-z_-]{64}", "gloas-"),
                token("gitlab-scim-token", 3, "glsoat-[0-9A-Za-z_-]{20}", "glsoat-"),
                tokenAround("gitlab-session-cookie", 3, 0, 60, "_gitlab_session=([0-9a-z]{32})", "_gitlab_session=")
                        .startingAtKeyword(),
                token("bitbucket-app-password", 3.5, "ATBB[A-Za-z0-9_=.-]{28,40}", "atbb"),
                assigned("bitbucket-client-id", 0, "[a-z0-9]{32}", "bitbucket"),
                assigned("bitbucket-client-secret", 0, "[a-z0-9=_-]{64}", "bitbucket"),
                token("npm-access-token", 2, "npm_[A-Za-z0-9]{36}", "npm_"),
                token(
                        "pypi-upload-token",
                        3,
                        "pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\\w-]{50,1000}",
                        "pypi-ag"),
                token("rubygems-api-token", 2, "rubygems_[a-f0-9]{48}", "rubygems_"),
                token("clojars-api-token", 2, "CLOJARS_[A-Za-z0-9]{60}", "clojars_"),
                token("nuget-api-key", 3.5, "oy2[a-z0-9]{43}", "oy2"),
                tokenAround(
                                "nuget-config-password",
                                1,
                                0,
                                200,
                                "(?i)<add key=\"(?:cleartext)?password\"\\s*value=\"([^\"\\r\\n]{8,})\"",
                                "<add key=")
                        .startingAtKeyword(),
                token("artifactory-api-key", 4.5, "AKCp[A-Za-z0-9]{69}", "akcp"),
                token("artifactory-reference-token", 4.5, "cmVmd[A-Za-z0-9]{59}", "cmvmd"),
                assigned("jfrog-api-key", 0, "[a-z0-9]{73}", "jfrog", "artifactory", "bintray", "xray"),
                assigned("jfrog-identity-token", 0, "[a-z0-9]{64}", "jfrog", "artifactory", "bintray", "xray"),
                assigned("codecov-access-token", 0, "[a-z0-9]{32}", "codecov"),
                assigned("droneci-access-token", 0, "[a-z0-9]{32}", "droneci"),
                assigned("travisci-access-token", 0, "[a-z0-9]{22}", "travis"),
                token(
                        "snyk-api-token",
                        3,
                        "snyk_(?:uat|sat|ort)\\.[a-z0-9]{8}\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}",
                        "snyk_"),
                assigned("snyk-api-token", 0, UUID, "snyk"),
                assigned("sonar-api-token", 0, "(?:squ_|sqp_|sqa_)?[a-z0-9=_-]{40}", "sonar"),
                token("sonar-api-token", 3, "sq[upa]_[a-f0-9]{40}", "squ_", "sqp_", "sqa_"),
                token("sentry-user-token", 3.5, "sntryu_[a-f0-9]{64}", "sntryu_"),
                token("sentry-org-token", 4.5, "sntrys_eyJpYXQiO[A-Za-z0-9+/=_]{40,600}", "sntrys_"),
                assigned("sentry-access-token", 3, "[a-f0-9]{64}", "sentry"),
                token("readme-api-token", 2, "rdme_[a-z0-9]{70}", "rdme_"),
                token("postman-api-token", 3, "PMAK-[A-Fa-f0-9]{24}-[A-Fa-f0-9]{34}", "pmak-"));
    }
}
