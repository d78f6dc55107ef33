import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The floor of an event-loop gateway: Netty's HTTP/1.1 server and client on the same event loops,
 * forwarding each POST body to the upstream and its answer back, with no routing, JSON, usage or
 * metrics. The caller's connection and the upstream connection it borrows belong to the same loop,
 * so nothing is handed to another thread, and the bodies are relayed as the pooled buffers they
 * arrived in. Usage: FloorNetty PORT UPSTREAM_PORT UPSTREAM_PATH [EVENT_LOOPS, default 2]
 */
public final class FloorNetty {

    private static final AttributeKey<ChannelHandlerContext> WAITING = AttributeKey.valueOf("waiting");

    /** Idle upstream connections, per event loop: only touched from that loop. */
    private static final Map<EventLoop, ArrayDeque<Channel>> IDLE = new IdentityHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        String path = args[2];
        int loops = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, io);
        group.forEach(executor -> IDLE.put((EventLoop) executor, new ArrayDeque<>()));

        Bootstrap client = new Bootstrap()
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>(false) {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext up, FullHttpResponse answer) {
                                        ChannelHandlerContext caller = up.channel().attr(WAITING).getAndSet(null);
                                        IDLE.get(up.channel().eventLoop()).push(up.channel());
                                        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                answer.status(), answer.content());
                                        out.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                        HttpUtil.setContentLength(out, answer.content().readableBytes());
                                        caller.writeAndFlush(out);
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext up) {
                                        IDLE.get(up.channel().eventLoop()).remove(up.channel());
                                    }
                                });
                    }
                });

        new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>(false) {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext caller, FullHttpRequest req) {
                                        FullHttpRequest forward = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                                                HttpMethod.POST, path, req.content());
                                        forward.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + upstreamPort)
                                                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                                .set(HttpHeaderNames.AUTHORIZATION, "Bearer floor");
                                        HttpUtil.setContentLength(forward, req.content().readableBytes());
                                        EventLoop loop = caller.channel().eventLoop();
                                        Channel idle = IDLE.get(loop).poll();
                                        if (idle != null && idle.isActive()) {
                                            idle.attr(WAITING).set(caller);
                                            idle.writeAndFlush(forward);
                                            return;
                                        }
                                        client.clone(loop).connect("127.0.0.1", upstreamPort).addListener(
                                                (ChannelFutureListener) connected -> {
                                                    if (!connected.isSuccess()) {
                                                        forward.release();
                                                        caller.close();
                                                        return;
                                                    }
                                                    connected.channel().attr(WAITING).set(caller);
                                                    connected.channel().writeAndFlush(forward);
                                                });
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("FloorNetty on " + port + " with " + loops + " event loops, " + (epoll ? "epoll" : "nio"));
        Thread.currentThread().join();
    }
}
