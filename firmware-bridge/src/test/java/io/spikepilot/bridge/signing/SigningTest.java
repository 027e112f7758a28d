package io.spikepilot.bridge.signing;

import io.dronefleet.mavlink.protocol.MavlinkPacket;
import io.spikepilot.bridge.codec.FrameEncoder;
import io.spikepilot.bridge.codec.FrameReader;
import io.spikepilot.bridge.codec.LittleEndian;
import io.spikepilot.bridge.codec.MavlinkFrame;
import io.spikepilot.bridge.codec.MessageCatalog;
import io.spikepilot.bridge.codec.SetAttitudeTargetMessage;
import io.spikepilot.controller.testing.AllocationMeter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningTest {
    private static final SigningKey KEY = SigningKey.fromPassphrase("spikepilot test key");
    private static final SigningKey OTHER = SigningKey.fromPassphrase("somebody else");
    /** 2026-11-28T00:00:00Z. */
    private static final long NOW_UNIX_US = 1_795_824_000_000_000L;

    private static byte[] signedSetpoint(FrameEncoder encoder, float thrust) {
        SetAttitudeTargetMessage.write(encoder.payload(), 1000, 1, 1, 7, 1, 0, 0, 0, 0, 0, 0, thrust, 0, 0, 0);
        int length = encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                SetAttitudeTargetMessage.LENGTH);
        return Arrays.copyOf(encoder.frame(), length);
    }

    @Test
    void timestampsCountTenMicrosecondsSince2015() {
        assertEquals(100_000, SigningTimestamp.fromUnixUs((SigningTimestamp.EPOCH_2015_UNIX_S + 1) * 1_000_000L));
        assertEquals(0, SigningTimestamp.fromUnixUs(0));
    }

    @Property(tries = 100)
    void signaturesMatchDronefleetByteForByte(@ForAll @IntRange(max = 255) int linkId,
                                              @ForAll @LongRange(min = 1, max = (1L << 47)) long timestamp,
                                              @ForAll @IntRange(max = 255) int sequence) {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        for (int i = 0; i < sequence; i++) {
            encoder.encodeV2(0, 50, 9);
        }
        encoder.setSigner(new MavlinkSigner(KEY, linkId, timestamp - 1));
        byte[] ours = signedSetpoint(encoder, 0.5f);
        byte[] payload = Arrays.copyOfRange(ours, 10, 10 + SetAttitudeTargetMessage.LENGTH);
        MavlinkPacket theirs = MavlinkPacket.createSignedMavlink2Packet(sequence, 1, 191, SetAttitudeTargetMessage.ID,
                SetAttitudeTargetMessage.CRC_EXTRA, payload, linkId, timestamp, KEY.bytes());
        assertArrayEquals(theirs.getRawBytes(), ours);
        assertTrue(MavlinkPacket.fromV2Bytes(ours).validateSignature(KEY.bytes()));
        assertFalse(MavlinkPacket.fromV2Bytes(ours).validateSignature(OTHER.bytes()));
    }

    @Test
    void timestampsNeverGoBackEvenWhenTheClockDoes() {
        MavlinkSigner signer = new MavlinkSigner(KEY, 1, 0);
        FrameEncoder encoder = new FrameEncoder(1, 191);
        encoder.setSigner(signer);
        signer.observeUnixUs(NOW_UNIX_US);
        byte[] first = signedSetpoint(encoder, 0.1f);
        signer.observeUnixUs(NOW_UNIX_US - 60_000_000L); // the wall clock steps back a minute
        byte[] second = signedSetpoint(encoder, 0.2f);
        long t1 = LittleEndian.u48(first, first.length - 12);
        long t2 = LittleEndian.u48(second, second.length - 12);
        assertEquals(SigningTimestamp.fromUnixUs(NOW_UNIX_US), t1);
        assertEquals(t1 + 1, t2);
    }

    /** Collects frames that pass the verifier. */
    private static final class Passed implements io.spikepilot.bridge.codec.FrameListener {
        int count;

        @Override
        public void onFrame(MavlinkFrame frame, long receivedNs) {
            count++;
        }
    }

    private static void feed(SignatureVerifier verifier, byte[]... frames) {
        FrameReader reader = new FrameReader(MessageCatalog.standard(), verifier);
        for (byte[] f : frames) {
            reader.accept(f, 0, f.length, 0);
        }
    }

    @Test
    void aCorrectlySignedFramePassesAndAReplayOfItDoesNot() {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        MavlinkSigner signer = new MavlinkSigner(KEY, 0, 0);
        signer.observeUnixUs(NOW_UNIX_US);
        encoder.setSigner(signer);
        byte[] frame = signedSetpoint(encoder, 0.5f);
        Passed passed = new Passed();
        SignatureVerifier verifier = new SignatureVerifier(KEY, false, passed);
        feed(verifier, frame, frame);
        assertEquals(1, passed.count);
        assertEquals(1, verifier.replays());
    }

    @Test
    void aFrameSignedWithAnotherKeyIsRejected() {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        encoder.setSigner(new MavlinkSigner(OTHER, 0, 1000));
        Passed passed = new Passed();
        SignatureVerifier verifier = new SignatureVerifier(KEY, true, passed);
        feed(verifier, signedSetpoint(encoder, 0.5f));
        assertEquals(0, passed.count);
        assertEquals(1, verifier.badSignatures());
    }

    @Test
    void unsignedFramesPassOnlyWhenAllowed() {
        byte[] unsigned = signedSetpoint(new FrameEncoder(1, 1), 0.5f);
        Passed strict = new Passed();
        SignatureVerifier strictVerifier = new SignatureVerifier(KEY, false, strict);
        feed(strictVerifier, unsigned);
        assertEquals(0, strict.count);
        assertEquals(1, strictVerifier.unsignedRejected());
        Passed lenient = new Passed();
        feed(new SignatureVerifier(KEY, true, lenient), unsigned);
        assertEquals(1, lenient.count);
    }

    @Test
    void aNewStreamStartingMoreThanAMinuteBehindIsARecordingReplayed() {
        FrameEncoder live = new FrameEncoder(1, 1);
        MavlinkSigner liveSigner = new MavlinkSigner(KEY, 0, 0);
        liveSigner.observeUnixUs(NOW_UNIX_US);
        live.setSigner(liveSigner);
        FrameEncoder old = new FrameEncoder(1, 1);
        MavlinkSigner oldSigner = new MavlinkSigner(KEY, 2, 0);
        oldSigner.observeUnixUs(NOW_UNIX_US - 120_000_000L); // recorded two minutes ago on another link id
        old.setSigner(oldSigner);
        Passed passed = new Passed();
        SignatureVerifier verifier = new SignatureVerifier(KEY, false, passed);
        feed(verifier, signedSetpoint(live, 0.5f), signedSetpoint(old, 0.5f));
        assertEquals(1, passed.count);
        assertEquals(1, verifier.replays());
    }

    @Test
    void signingAndVerifyingAllocateNothing() {
        FrameEncoder encoder = new FrameEncoder(1, 191);
        encoder.setSigner(new MavlinkSigner(KEY, 0, 1));
        Passed passed = new Passed();
        SignatureVerifier verifier = new SignatureVerifier(KEY, false, passed);
        FrameReader reader = new FrameReader(MessageCatalog.standard(), verifier);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            SetAttitudeTargetMessage.write(encoder.payload(), 1, 1, 1, 7, 1, 0, 0, 0, 0, 0, 0, 0.5f, 0, 0, 0);
            int length = encoder.encodeV2(SetAttitudeTargetMessage.ID, SetAttitudeTargetMessage.CRC_EXTRA,
                    SetAttitudeTargetMessage.LENGTH);
            reader.accept(encoder.frame(), 0, length, 0);
        }, 100_000, 10_000);
        assertEquals(0, allocated);
        assertEquals(110_000, passed.count);
    }
}
