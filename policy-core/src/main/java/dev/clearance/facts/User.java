package dev.clearance.facts;

import java.util.List;

/** Who is sending the data. */
public final class User {
    private final String id;
    private final List<String> groups;

    public User(String id, List<String> groups) {
        this.id = id == null ? "" : id;
        this.groups = List.copyOf(groups);
    }

    /** User id; {@code ""} when anonymous. */
    public String getId() {
        return id;
    }

    public List<String> getGroups() {
        return groups;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    @Override
    public String toString() {
        return "User[" + id + ", groups=" + groups + "]";
    }
}
