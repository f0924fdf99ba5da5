package org.portico.deeplink.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyRepository;

/** Keys in a map, shared by "nodes" that are given the same instance. */
public final class InMemoryKeyRepository implements KeyRepository {

    public final Map<String, KeyRecord> records = new ConcurrentHashMap<>();

    @Override
    public List<KeyRecord> list() {
        return List.copyOf(records.values());
    }

    @Override
    public void save(KeyRecord key) {
        records.put(key.kid(), key);
    }

    @Override
    public void delete(String kid) {
        records.remove(kid);
    }
}
