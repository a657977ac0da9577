using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Federation;

/// <summary>
/// What one member asks another for over the federation link, signed like any <see cref="FederationMessage"/> by a
/// validator of the genesis set: a participant's update for a round, sealed to the requester's own agreement key (the
/// leader's way to its openings), or a blob by content id (a proposed or committed global model). Both are reads: the
/// answer to an opening request can only be opened by the validator whose genesis key it is sealed to, and a blob's
/// answer is checked against its id by the asker.
/// </summary>
/// <remarks>Payloads: an opening request is the round (u64); a blob request is the content id's canonical bytes.</remarks>
public sealed record FederationRequest(NodeId Requester, byte Kind, long Round, Cid? Blob)
{
    public const byte OpeningKind = 32, BlobKind = 33;

    /// <summary>A request is refused when its sequence (the requester's clock, microseconds) is further than this from the receiver's clock.</summary>
    public const ulong Freshness = 600_000_000;

    public static byte[] Opening(Hash32 taskId, NodeIdentity requester, ulong sequence, long round) =>
        FederationMessage.Create(taskId, requester, sequence, OpeningKind, new CanonicalWriter(8).U64((ulong)round).ToArray());

    public static byte[] ForBlob(Hash32 taskId, NodeIdentity requester, ulong sequence, Cid cid) =>
        FederationMessage.Create(taskId, requester, sequence, BlobKind, cid.ToBytes());

    /// <summary>The request, or why it is refused: not parseable, another task, not a genesis validator, a bad signature, stale, or an unknown kind.</summary>
    public static (FederationRequest? Request, string? Refusal) Check(ReadOnlySpan<byte> bytes, Hash32 taskId, ValidatorSet validators, DateTimeOffset now,
                                                                    ISignatureVerifier? signatures = null)
    {
        FederationMessage envelope;
        try { envelope = FederationMessage.Decode(bytes); }
        catch (InvalidDataException e) { return (null, "malformed: " + e.Message); }
        if (envelope.TaskId != taskId) return (null, $"for task {envelope.TaskId}, not {taskId}");
        if (!validators.Contains(envelope.Sender)) return (null, $"requester {envelope.Sender} is not a validator of the genesis set");
        if (!envelope.VerifySignature(validators, signatures ?? Ed25519Verifier.Instance)) return (null, $"bad signature for requester {envelope.Sender}");
        ulong clock = (ulong)now.ToUnixTimeMilliseconds() * 1000;
        ulong distance = envelope.Sequence > clock ? envelope.Sequence - clock : clock - envelope.Sequence;
        if (distance > Freshness) return (null, $"request of {envelope.Sender} is {distance / 1_000_000} s away from this member's clock");
        try
        {
            var r = new CanonicalReader(envelope.Payload, "federation request");
            FederationRequest request = envelope.Kind switch
            {
                OpeningKind => new(envelope.Sender, OpeningKind, (long)r.U64("round"), null),
                BlobKind => new(envelope.Sender, BlobKind, 0, Cid.FromBytes(r.Fixed(envelope.Payload.Length, "cid"))),
                _ => throw new InvalidDataException($"unknown request kind {envelope.Kind}"),
            };
            r.End();
            return (request, null);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException) { return (null, $"request of {envelope.Sender}: {e.Message}"); }
    }
}
