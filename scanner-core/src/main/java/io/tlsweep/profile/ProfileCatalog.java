package io.tlsweep.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A set of client profiles and the sources their facts cite. Profile ids are unique. */
public record ProfileCatalog(List<ClientProfile> profiles, Map<String, ProfileSource> sources) {

    public ProfileCatalog {
        profiles = List.copyOf(profiles);
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        List<String> seen = new ArrayList<>();
        for (ClientProfile p : profiles) {
            if (seen.contains(p.id())) {
                throw new IllegalArgumentException("profile id " + p.id() + " appears twice");
            }
            seen.add(p.id());
        }
    }

    public static ProfileCatalog empty() {
        return new ProfileCatalog(List.of(), Map.of());
    }

    public Optional<ClientProfile> byId(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public boolean isEmpty() {
        return profiles.isEmpty();
    }

    /** These profiles, then those of {@code other}; a profile of {@code other} replaces one with its id. */
    public ProfileCatalog plus(ProfileCatalog other) {
        List<ClientProfile> merged = new ArrayList<>(profiles);
        for (ClientProfile p : other.profiles) {
            merged.removeIf(q -> q.id().equals(p.id()));
            merged.add(p);
        }
        Map<String, ProfileSource> allSources = new LinkedHashMap<>(sources);
        allSources.putAll(other.sources);
        return new ProfileCatalog(merged, allSources);
    }

    /** Only the profiles named, in the order named. */
    public ProfileCatalog select(List<String> ids) {
        List<ClientProfile> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(byId(id).orElseThrow(() -> new IllegalArgumentException("no client profile '" + id
                    + "'; known: " + String.join(", ", profiles.stream().map(ClientProfile::id).toList()))));
        }
        return new ProfileCatalog(chosen, sources);
    }
}
