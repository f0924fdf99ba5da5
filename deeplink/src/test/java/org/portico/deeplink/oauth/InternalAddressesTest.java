package org.portico.deeplink.oauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalAddressesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "100.127.255.255", "169.254.169.254", "224.0.0.1", "239.255.255.250",
            "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe"})
    void internalAddressesAreRecognised(String literal) throws Exception {
        assertTrue(InternalAddresses.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2001:db8::1", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicAddressesAreNot(String literal) throws Exception {
        assertFalse(InternalAddresses.isInternal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void everyAddressOfAHostIsChecked() throws Exception {
        InetAddress publicOne = InetAddress.getByName("93.184.215.14");
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        InternalAddresses.HostResolver mixed = host -> new InetAddress[] {publicOne, metadata};
        InternalAddresses.HostResolver onlyPublic = host -> new InetAddress[] {publicOne};

        assertAll(
                () -> assertEquals(Optional.of(metadata), InternalAddresses.findInternal("keys.example", mixed)),
                () -> assertEquals(Optional.empty(), InternalAddresses.findInternal("keys.example", onlyPublic)),
                () -> assertThrows(UnknownHostException.class,
                        () -> InternalAddresses.findInternal("keys.example", host -> new InetAddress[0])));
    }

    @Test
    void addressLiteralsInUrlsAreCheckedWithTheSystemResolver() throws Exception {
        assertAll(
                () -> assertTrue(InternalAddresses.findInternal("127.0.0.1", InternalAddresses.HostResolver.SYSTEM).isPresent()),
                () -> assertTrue(InternalAddresses.findInternal("[::1]", InternalAddresses.HostResolver.SYSTEM).isPresent()),
                () -> assertTrue(InternalAddresses.findInternal("localhost", InternalAddresses.HostResolver.SYSTEM).isPresent()));
    }
}
