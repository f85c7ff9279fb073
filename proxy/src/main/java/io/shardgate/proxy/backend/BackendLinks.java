package io.shardgate.proxy.backend;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The backend links of one event loop, per endpoint: idle ones to reuse (most recently used first,
 * so their prepared statements stay warm) and a count of all open ones, bounded per endpoint.
 * Confined to its event loop, like the client connections it serves: no locks, no hand-offs.
 */
public final class BackendLinks {

    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelType;
    private final Map<BackendEndpoint, ArrayDeque<BackendLink>> idle = new HashMap<>();
    private final Map<BackendEndpoint, Integer> open = new HashMap<>();

    public BackendLinks(EventLoop loop, Class<? extends SocketChannel> channelType) {
        this.loop = loop;
        this.channelType = channelType;
    }

    /** An idle, ready link to {@code endpoint}, or null. */
    public BackendLink idle(BackendEndpoint endpoint) {
        ArrayDeque<BackendLink> links = idle.get(endpoint);
        while (links != null && !links.isEmpty()) {
            BackendLink link = links.pollFirst();
            if (link.isReady()) {
                return link;
            }
            link.close();
        }
        return null;
    }

    /**
     * Opens a new link unless {@code max} are open to {@code endpoint} already (then null): {@code ready}
     * or {@code refused} runs on the loop once it is logged in or has failed.
     */
    public BackendLink open(BackendEndpoint endpoint, int max, Duration timeout, Consumer<BackendLink> ready,
                            Consumer<BackendLinkException> refused) {
        int count = open.getOrDefault(endpoint, 0);
        if (count >= max) {
            return null;
        }
        open.put(endpoint, count + 1);
        BackendLink[] opened = new BackendLink[1];
        opened[0] = BackendLink.connect(loop, channelType, endpoint, timeout, () -> ready.accept(opened[0]), refused);
        opened[0].channel().closeFuture().addListener(closed -> {
            open.merge(endpoint, -1, Integer::sum);
            ArrayDeque<BackendLink> links = idle.get(endpoint);
            if (links != null) {
                links.remove(opened[0]);
            }
        });
        return opened[0];
    }

    /** Gives a link back after a complete reply; a link in any other state is closed. */
    public void release(BackendLink link) {
        if (link.isReady()) {
            idle.computeIfAbsent(link.endpoint(), e -> new ArrayDeque<>()).addFirst(link);
        } else {
            link.close();
        }
    }

    /** Idle links per endpoint and open ones, for tests and metrics. */
    public int openLinks(BackendEndpoint endpoint) {
        return open.getOrDefault(endpoint, 0);
    }

    /** Closes every idle link (the proxy is stopping). */
    public void closeIdle() {
        idle.values().forEach(links -> links.forEach(BackendLink::close));
        idle.clear();
    }
}
