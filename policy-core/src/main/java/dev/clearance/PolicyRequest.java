package dev.clearance;

import java.util.List;
import java.util.Objects;

/**
 * One question to the engine: may this data go to this destination? Mirrors the request JSON of the public
 * contract; {@link PolicyJson#readRequest(String)} parses it strictly.
 *
 * @param id          caller's correlation id, echoed in the decision; nullable
 * @param user        who is sending; never null (an anonymous user has no id and no groups)
 * @param destination where the data would go; required
 * @param data        what is sent; never null (absent data is {@code INTERNAL} without content)
 * @param purpose     free-text purpose, e.g. {@code code-assistance}; nullable
 * @param direction   to the model or back from it; null means {@link Direction#REQUEST}. For a
 *     {@code RESPONSE}, {@code destination} names the model the text came from.
 * @param tuning      the request's own detection tuning, added to the pack's under the pack's rules (see
 *     {@link DetectionTuning#withRequest}: it may raise confidence, and allow-list values only where the pack's
 *     {@code requestAllow} opens a selector; anything else makes the decision a {@code DENY}
 *     {@link ReasonIds#TUNING_REFUSED}); null means none
 */
public record PolicyRequest(
        String id,
        User user,
        Destination destination,
        Data data,
        String purpose,
        Direction direction,
        DetectionTuning tuning) {

    public PolicyRequest {
        Objects.requireNonNull(destination, "destination");
        user = user == null ? User.ANONYMOUS : user;
        data = data == null ? Data.EMPTY : data;
        direction = direction == null ? Direction.REQUEST : direction;
        tuning = tuning == null ? DetectionTuning.none() : tuning;
    }

    /** A request without tuning of its own. */
    public PolicyRequest(
            String id, User user, Destination destination, Data data, String purpose, Direction direction) {
        this(id, user, destination, data, purpose, direction, null);
    }

    /** A request to a model ({@link Direction#REQUEST}). */
    public PolicyRequest(String id, User user, Destination destination, Data data, String purpose) {
        this(id, user, destination, data, purpose, Direction.REQUEST);
    }

    /** A builder for requests built in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this request with another correlation id. */
    public PolicyRequest withId(String newId) {
        return new PolicyRequest(newId, user, destination, data, purpose, direction, tuning);
    }

    /** A copy of this request with another direction. */
    public PolicyRequest withDirection(Direction newDirection) {
        return new PolicyRequest(id, user, destination, data, purpose, newDirection, tuning);
    }

    /** A copy of this request with other content (same classification and labels). */
    public PolicyRequest withContent(String newContent) {
        return new PolicyRequest(
                id,
                user,
                destination,
                new Data(data.classification(), newContent, data.labels(), data.path()),
                purpose,
                direction,
                tuning);
    }

    /** A copy of this request with the given detection tuning of its own. */
    public PolicyRequest withTuning(DetectionTuning newTuning) {
        return new PolicyRequest(id, user, destination, data, purpose, direction, newTuning);
    }

    /** What the request says about its content, for the pack's path and label exclusions. */
    public DetectionTuning.Scope scope() {
        return new DetectionTuning.Scope(data.path(), data.labels());
    }

    /**
     * The user who sends the data.
     *
     * @param id     user id; nullable
     * @param groups the user's groups
     */
    public record User(String id, List<String> groups) {
        static final User ANONYMOUS = new User(null, List.of());

        public User {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * Where the data would go: a catalog product, or a provider and tier for an uncatalogued tool, plus the
     * account's state.
     *
     * @param product           catalog id such as {@code openai:chatgpt-free}; nullable when a provider and a tier
     *                          are given
     * @param provider          provider name for an uncatalogued product; required (non-blank) without a product
     * @param tier              tier for an uncatalogued product; nullable, never {@link Tier#UNKNOWN}
     * @param trainingOptOut    whether the account opted out of training; null means unknown
     * @param zeroDataRetention whether the account has zero data retention; null means unknown (no)
     */
    public record Destination(
            String product, String provider, Tier tier, Boolean trainingOptOut, Boolean zeroDataRetention) {

        public Destination {
            if (tier == Tier.UNKNOWN) {
                throw new InvalidRequestException("destination.tier", "tier UNKNOWN cannot be requested");
            }
            if (isBlank(product)) {
                if (tier == null) {
                    throw new InvalidRequestException(
                            "destination", "destination needs a product, or a provider and a tier");
                }
                if (isBlank(provider)) {
                    throw new InvalidRequestException(
                            "destination.provider", "destination without a product needs a non-blank provider");
                }
            }
        }

        /** A catalogued product with unknown account state. */
        public static Destination product(String product) {
            return new Destination(product, null, null, null, null);
        }

        /** An uncatalogued tool of a given tier. */
        public static Destination of(String provider, Tier tier) {
            return new Destination(null, provider, Objects.requireNonNull(tier, "tier"), null, null);
        }

        /** This destination with the given training opt-out state. */
        public Destination withTrainingOptOut(Boolean optOut) {
            return new Destination(product, provider, tier, optOut, zeroDataRetention);
        }

        /** This destination with the given zero-data-retention state. */
        public Destination withZeroDataRetention(Boolean zdr) {
            return new Destination(product, provider, tier, trainingOptOut, zdr);
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }
    }

    /**
     * The data itself.
     *
     * @param classification declared classification; null means {@link Classification#DEFAULT}
     * @param content        the text to send; nullable (a decision on classification alone)
     * @param labels         free labels, e.g. {@code source-code}
     * @param path           where the content comes from, e.g. {@code src/test/fixtures/users.json}; nullable. Only
     *                       the pack's exclusions read it ({@code tuning.exclude[].paths})
     */
    public record Data(Classification classification, String content, List<String> labels, String path) {
        static final Data EMPTY = new Data(null, null, null, null);

        public Data {
            classification = classification == null ? Classification.DEFAULT : classification;
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        /** Data without a path. */
        public Data(Classification classification, String content, List<String> labels) {
            this(classification, content, labels, null);
        }

        /** Data of a classification, with content. */
        public static Data of(Classification classification, String content) {
            return new Data(classification, content, List.of());
        }
    }

    /** Builds a {@link PolicyRequest}; only the destination is required. */
    public static final class Builder {
        private String id;
        private String userId;
        private List<String> groups = List.of();
        private Destination destination;
        private Classification classification;
        private String content;
        private List<String> labels = List.of();
        private String purpose;
        private Direction direction = Direction.REQUEST;
        private String path;
        private DetectionTuning tuning;

        private Builder() {}

        /** Where the content comes from (a file path), for the pack's path exclusions. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The request's own detection tuning (see {@link DetectionTuning#withRequest}). */
        public Builder tuning(DetectionTuning tuning) {
            this.tuning = tuning;
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder user(String userId, String... groups) {
            this.userId = userId;
            this.groups = List.of(groups);
            return this;
        }

        public Builder destination(Destination destination) {
            this.destination = destination;
            return this;
        }

        /** Shorthand for {@code destination(Destination.product(product))}. */
        public Builder product(String product) {
            return destination(Destination.product(product));
        }

        public Builder classification(Classification classification) {
            this.classification = classification;
            return this;
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder labels(String... labels) {
            this.labels = List.of(labels);
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** To the model (the default) or back from it. */
        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        /** @throws InvalidRequestException when no destination was set */
        public PolicyRequest build() {
            if (destination == null) {
                throw new InvalidRequestException("destination", "a request needs a destination");
            }
            return new PolicyRequest(
                    id,
                    new User(userId, groups),
                    destination,
                    new Data(classification, content, labels, path),
                    purpose,
                    direction,
                    tuning);
        }
    }
}
