package dev.mercato.gateway.edge;

import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.requestid.RequestIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose target is not a URI ({@code /v1/pro|ducts}, {@code ?q=%zz}, a raw {@code {}}) or whose request line
 * cannot be parsed at all is answered 400 with a problem document like every other bad request. Left alone, it never
 * reaches a filter: Spring's adapter fails to build the request's URI (or Reactor Netty the request) and answers a bare
 * 400 with no body, before the request id, the security headers or the problem handler. So the check runs in the
 * connection's pipeline, right after the HTTP codec, with the same rule the adapter applies ({@code new URI(...)}), and
 * the connection is closed after the answer.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableTargets {

    private static final String HANDLER = "mercato.targetCheck";

    @Bean
    NettyServerCustomizer unreadableTargetsAnsweredWithAProblem(JsonMapper json) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new TargetCheck(json));
            }
        });
    }

    /** Null when the target is one the adapter can read; else why not. */
    static String problemWith(String target) {
        try {
            new URI(target.startsWith("/") ? "http://localhost" + target : target);
            return null;
        } catch (URISyntaxException unreadable) {
            return unreadable.getReason() + " at index "
                    + Math.max(0, unreadable.getIndex() - (target.startsWith("/") ? "http://localhost".length() : 0));
        }
    }

    /**
     * Why the codec could not parse the request (a space or a control character in the target, a broken request
     * line); null for a line or headers too long, which Reactor Netty answers itself (413/414/431).
     */
    static String unparsed(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return null;
        }
        return "the request line cannot be parsed (" + cause.getMessage() + ")";
    }

    private static final class TargetCheck extends ChannelInboundHandlerAdapter {

        private final JsonMapper json;
        /** Until the refused request's last part: its body is read and dropped. */
        private boolean discarding;

        TargetCheck(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (discarding) {
                discarding = !(message instanceof LastHttpContent);
                ReferenceCountUtil.release(message);
                return;
            }
            if (message instanceof HttpRequest request) {
                String problem = request.decoderResult().isSuccess()
                        ? problemWith(request.uri())
                        : unparsed(request.decoderResult().cause());
                if (problem != null) {
                    discarding = !(message instanceof LastHttpContent);
                    ReferenceCountUtil.release(message);
                    context.writeAndFlush(refusal(problem)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            context.fireChannelRead(message);
        }

        private FullHttpResponse refusal(String problem) {
            ProblemType type = ProblemType.VALIDATION;
            String requestId = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type.uri().toString());
            body.put("title", type.title());
            body.put("status", type.status().value());
            body.put("detail", "The request target is not a valid URI: " + problem);
            body.put("requestId", requestId);
            byte[] bytes = json.writeValueAsBytes(body);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(bytes));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(RequestIds.HEADER, requestId)
                    .set("X-Content-Type-Options", "nosniff");
            return response;
        }
    }
}
