package org.portico.deeplink.oauth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells addresses on the internet from addresses inside a network: the guard against server-side request forgery
 * through a URL that an admin types and Portico fetches (an app's JWKS).
 *
 * <p>Internal are: loopback ({@code 127/8}, {@code ::1}), unspecified ({@code 0.0.0.0}, {@code ::}) and "this
 * network" ({@code 0/8}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), shared address space
 * ({@code 100.64/10}), link-local ({@code 169.254/16} with the cloud metadata endpoints, {@code fe80::/10}), the
 * deprecated site-local {@code fec0::/10}, unique-local ({@code fc00::/7}), multicast ({@code 224/4},
 * {@code ff00::/8}), reserved and broadcast ({@code 240/4}), and IPv6 addresses that carry one of those IPv4
 * addresses (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}).
 *
 * <p>Stateless and thread-safe.
 */
public final class InternalAddresses {

    /** Resolves a host name (or an address literal) to all its addresses, as {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface HostResolver {

        /** The JVM's resolver (whose cache keeps an answer for {@code networkaddress.cache.ttl}, 30 s by default). */
        HostResolver SYSTEM = InetAddress::getAllByName;

        /** @throws UnknownHostException when the name does not resolve */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private InternalAddresses() {
    }

    /** Whether {@code address} lies inside a network rather than on the internet (see the class comment). */
    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            return first == 0 // "this network"
                    || first == 100 && (second & 0xC0) == 64 // 100.64.0.0/10, carrier-grade NAT
                    || first >= 240; // 240.0.0.0/4 reserved, 255.255.255.255 broadcast
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xFE) == 0xFC) {
                return true; // fc00::/7 unique-local
            }
            if (embedsIpv4(bytes)) {
                try {
                    return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
        }
        return false;
    }

    /** IPv4-compatible ({@code ::a.b.c.d}), IPv4-mapped ({@code ::ffff:a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d}). */
    private static boolean embedsIpv4(byte[] ipv6) {
        boolean zeroes = true;
        for (int i = 0; i < 10; i++) {
            zeroes &= ipv6[i] == 0;
        }
        boolean compatibleOrMapped = zeroes && (ipv6[10] == 0 && ipv6[11] == 0 || ipv6[10] == (byte) 0xFF && ipv6[11] == (byte) 0xFF);
        boolean nat64 = ipv6[0] == 0 && ipv6[1] == 0x64 && ipv6[2] == (byte) 0xFF && ipv6[3] == (byte) 0x9B;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = ipv6[i] == 0;
        }
        return compatibleOrMapped || nat64;
    }

    /**
     * The first internal address among all the addresses {@code host} resolves to; empty when every one is public.
     * All are checked, because a client may connect to any of them.
     *
     * @param host a host name or address literal, IPv6 literals with or without brackets
     * @throws UnknownHostException when the host does not resolve
     */
    public static Optional<InetAddress> findInternal(String host, HostResolver resolver) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        return Arrays.stream(addresses).filter(InternalAddresses::isInternal).findFirst();
    }
}
