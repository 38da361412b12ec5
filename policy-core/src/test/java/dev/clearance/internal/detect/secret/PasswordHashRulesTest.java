package dev.clearance.internal.detect.secret;

import static dev.clearance.internal.detect.secret.SecretRuleFixtures.CRYPT64;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.HEX;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.assertNotFound;
import static dev.clearance.internal.detect.secret.SecretRuleFixtures.random;

import org.junit.jupiter.api.Test;

/** Password hashes, built from the crypt(3), Cisco IOS and hashcat format descriptions. */
class PasswordHashRulesTest {
    @Test
    void md5CryptWithAndWithoutAShadowLine() {
        String hash = "$1$" + random(CRYPT64, 8, 1) + "$" + random(CRYPT64, 22, 2);
        assertFound(hash, hash, "md5-crypt-hash");
        assertFound("alice:" + hash + ":19000:0:99999:7:::", hash, "md5-crypt-hash");
    }

    @Test
    void bcryptVariantsAndCost() {
        for (String variant : new String[] {"2a", "2b", "2y"}) {
            String hash = "$" + variant + "$12$" + random(CRYPT64, 53, variant.hashCode());
            assertFound("hash = '" + hash + "'", hash, "bcrypt-hash");
        }
    }

    @Test
    void bcryptNeedsTheFullLength() {
        assertNotFound("$2a$12$" + random(CRYPT64, 30, 3), "bcrypt-hash");
    }

    @Test
    void shaCryptWithRounds() {
        String sha256 = "$5$rounds=5000$" + random(CRYPT64, 16, 4) + "$" + random(CRYPT64, 43, 5);
        assertFound(sha256, sha256, "sha256-crypt-hash");
        String sha512 = "$6$" + random(CRYPT64, 8, 6) + "$" + random(CRYPT64, 86, 7);
        assertFound("root:" + sha512 + ":18000::::::", sha512, "sha512-crypt-hash");
    }

    @Test
    void ciscoTypes() {
        String type8 = "$8$" + random(CRYPT64, 14, 8) + "$" + random(CRYPT64, 43, 9);
        assertFound("enable algorithm-type sha256 secret " + type8, type8, "cisco-type8-hash");
        String type9 = "$9$" + random(CRYPT64, 14, 10) + "$" + random(CRYPT64, 43, 11);
        assertFound("username admin secret 9 " + type9, type9, "cisco-type9-hash");
        String type7 = "0" + "8" + random("0123456789ABCDEF", 18, 12);
        assertFound("username admin password 7 " + type7, type7, "cisco-type7-password");
    }

    @Test
    void kerberosHashcatFormats() {
        String asrep = "$krb5asrep$23$user@EXAMPLE.ORG:" + random(HEX, 32, 13) + "$" + random(HEX, 300, 14);
        assertFound(asrep, asrep, "kerberos-asrep-hash");
        String tgs = "$krb5tgs$23$*svc$EXAMPLE.ORG$http/web.example.org*$" + random(HEX, 32, 15) + "$"
                + random(HEX, 600, 16);
        assertFound(tgs, tgs, "kerberos-tgs-hash");
    }

    @Test
    void shellPositionalParametersAreNotHashes() {
        assertNotFound("echo $1$2 and sed 's/a/$1$/'", "md5-crypt-hash");
    }
}
