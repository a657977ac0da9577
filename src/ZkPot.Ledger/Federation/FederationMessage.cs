using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Federation;

/// <summary>
/// What one member sends another over the federation link: a consensus message wrapped and signed by the sending
/// member's validator key, so the receiver knows which validator of the genesis set sent it, whatever carried it.
/// </summary>
/// <remarks>
/// Encoding: task_id[32] | sender[20] | sequence u64 | kind u8 | payload (u32 length + bytes, at most
/// <see cref="MaxPayload"/>) | signature[64], Ed25519 over tag "zkpot/federation/v1" and every field before it. The
/// payload is <see cref="ConsensusMessageCodec"/>'s encoding; the messages inside carry their own signatures (a relayed
/// proposal is still its proposer's), the envelope says who passed it on. The sequence only has to grow per sender;
/// hosts take the clock in microseconds (<see cref="NextSequence"/>), so a restarted member needs no stored counter.
/// </remarks>
public sealed class FederationMessage
{
    public const int MaxPayload = 8 << 20;
    const int HeaderSize = 32 + 20 + 8 + 1 + 4;

    FederationMessage(Hash32 taskId, NodeId sender, ulong sequence, byte kind, byte[] payload, byte[] signature)
    {
        TaskId = taskId;
        Sender = sender;
        Sequence = sequence;
        Kind = kind;
        Payload = payload;
        Signature = signature;
    }

    public Hash32 TaskId { get; }
    public NodeId Sender { get; }
    public ulong Sequence { get; }
    public byte Kind { get; }
    public byte[] Payload { get; }
    public byte[] Signature { get; }

    /// <summary>Wraps and signs <paramref name="message"/> as <paramref name="sender"/>.</summary>
    public static byte[] Create(Hash32 taskId, NodeIdentity sender, ulong sequence, ConsensusMessage message)
    {
        var (kind, payload) = ConsensusMessageCodec.Encode(message);
        return Create(taskId, sender, sequence, kind, payload);
    }

    /// <summary>Wraps and signs a payload of the given kind (a consensus message's, or a <see cref="FederationRequest"/>'s).</summary>
    public static byte[] Create(Hash32 taskId, NodeIdentity sender, ulong sequence, byte kind, byte[] payload)
    {
        byte[] signed = SignedPart(taskId, sender.Id, sequence, kind, payload);
        return new CanonicalWriter(signed.Length + Ed25519Verifier.SignatureSize).Fixed(signed).Fixed(sender.Sign(DomainTag.Federation, signed)).ToArray();
    }

    /// <summary>The next sequence number: the clock in microseconds, or one more than the last when the clock has not moved on.</summary>
    public static ulong NextSequence(ulong last, DateTimeOffset now) => Math.Max(last + 1, (ulong)(now.ToUnixTimeMilliseconds() * 1000));

    static byte[] SignedPart(Hash32 taskId, NodeId sender, ulong sequence, byte kind, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload) throw new ArgumentException($"payload of {payload.Length} bytes is over the {MaxPayload}-byte limit", nameof(payload));
        return new CanonicalWriter(HeaderSize + payload.Length).Hash(taskId).Node(sender).U64(sequence).U8(kind).Bytes(payload).ToArray();
    }

    /// <summary>Parses the envelope (not the payload, not the signature); InvalidDataException names the bad field.</summary>
    public static FederationMessage Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "federation message");
        var task = r.Hash("task_id");
        var sender = r.Node("sender");
        ulong sequence = r.U64("sequence");
        byte kind = r.U8("kind");
        byte[] payload = r.Bytes("payload", MaxPayload).ToArray();
        byte[] signature = r.Fixed(Ed25519Verifier.SignatureSize, "signature").ToArray();
        r.End();
        return new FederationMessage(task, sender, sequence, kind, payload, signature);
    }

    /// <summary>True when the sender is a validator of <paramref name="validators"/> and signed exactly these bytes.</summary>
    public bool VerifySignature(ValidatorSet validators, ISignatureVerifier signatures) =>
        validators.TryGet(Sender, out var info)
        && signatures.Verify(info.SigningPublicKey, DomainTag.Federation, SignedPart(TaskId, Sender, Sequence, Kind, Payload), Signature);
}
