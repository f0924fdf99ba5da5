package org.portico.demoapp.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.portico.demoapp.verify.AccessToken;
import org.portico.demoapp.verify.AccessTokenRejectedException;
import org.portico.demoapp.verify.PorticoUnavailableException;

/**
 * {@code ws(s)://…/proxied/echo}: a WebSocket that answers each text message with {@code "<user>: <message>"}, where
 * the user is the one the access token of the upgrade request names ({@code Authorization: Bearer}, which Portico's
 * proxy attaches to the upgrade like to any request). Without a valid token the socket is closed at once (policy
 * violation). Registered by {@link DemoAppStartup} with the app's {@link LinkChecker}; shows that WebSocket upgrades
 * pass Portico's proxy.
 */
public class EchoEndpoint extends Endpoint {

    static final String PATH = "/proxied/echo";
    private static final String USER = "user";
    private static final String REFUSED = "refused";

    /** The configuration of the endpoint: verifies the upgrade request's token and keeps its user. */
    static ServerEndpointConfig config(LinkChecker checker) {
        return ServerEndpointConfig.Builder.create(EchoEndpoint.class, PATH).configurator(new Handshake(checker)).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (!(config.getUserProperties().get(USER) instanceof String name)) {
            close(session, "Not verified: " + Optional.ofNullable(config.getUserProperties().get(REFUSED))
                    .orElse("no access token"));
            return;
        }
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
            try {
                session.getBasicRemote().sendText(name + ": " + (message.length() > 200 ? message.substring(0, 200) : message));
            } catch (IOException e) {
                close(session, "could not answer");
            }
        });
    }

    private static void close(Session session, String why) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why.length() > 100 ? why.substring(0, 100) : why));
        } catch (IOException e) {
            // the socket is gone already
        }
    }

    /**
     * Verifies the token of the upgrade request; the endpoint gets the user's id, or the reason of the refusal. The
     * user properties written here are the connection's own (Jakarta WebSocket 2.1: a copy per handshake).
     */
    private static final class Handshake extends ServerEndpointConfig.Configurator {

        private final LinkChecker checker;

        Handshake(LinkChecker checker) {
            this.checker = checker;
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            config.getUserProperties().remove(USER);
            config.getUserProperties().remove(REFUSED);
            List<String> authorization = request.getHeaders().entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase("authorization"))
                    .flatMap(entry -> entry.getValue().stream()).toList();
            if (authorization.size() != 1 || !authorization.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
                return;
            }
            try {
                AccessToken token = checker.portico(port(request)).accessTokenVerifier()
                        .verify(authorization.get(0).substring(7).strip());
                config.getUserProperties().put(USER, token.subject());
            } catch (AccessTokenRejectedException | PorticoUnavailableException e) {
                config.getUserProperties().put(REFUSED, e.getMessage());
            }
        }

        /** The port the request came in on, from its Host header (the proxy sets it to the upstream's). */
        private static int port(HandshakeRequest request) {
            String host = request.getHeaders().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase("host"))
                    .flatMap(entry -> entry.getValue().stream()).findFirst().orElse("");
            int colon = host.lastIndexOf(':');
            try {
                return colon < 0 ? 80 : Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return 80;
            }
        }
    }
}
