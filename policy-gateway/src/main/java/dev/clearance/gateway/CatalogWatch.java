package dev.clearance.gateway;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Watches the organization catalog file (outside the pack directory) and asks for a reload when it changes. */
final class CatalogWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWatch.class);
    private static final long DEBOUNCE_MILLIS = 300;

    private final WatchService service;
    private volatile boolean closed;

    private CatalogWatch(WatchService service) {
        this.service = service;
    }

    static CatalogWatch start(Path file, Runnable reload) {
        Path dir = file.toAbsolutePath().getParent();
        Path name = file.getFileName();
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            dir.register(
                    ws,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            CatalogWatch w = new CatalogWatch(ws);
            Thread t = new Thread(() -> w.loop(name, reload), "clearance-gateway-catalog-watcher");
            t.setDaemon(true);
            t.start();
            return w;
        } catch (IOException e) {
            throw new GatewayConfigException("policy.catalog", "cannot be watched");
        }
    }

    private void loop(Path name, Runnable reload) {
        try {
            while (!closed) {
                WatchKey key = service.take();
                boolean ours = drain(key, name);
                WatchKey more;
                while ((more = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    ours |= drain(more, name);
                }
                if (ours && !closed) {
                    reload.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.warn("the catalog watcher stopped: {}", e.getClass().getSimpleName());
        }
    }

    private static boolean drain(WatchKey key, Path name) {
        boolean ours = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (name.equals(e.context())) {
                ours = true;
            }
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // closing
        }
    }
}
