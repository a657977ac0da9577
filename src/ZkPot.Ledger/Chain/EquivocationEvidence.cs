using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>Proof of equivocation: two different messages of one kind, signed by the same node for the same slot (height and view, or round for claims).</summary>
/// <remarks>
/// Encoding: kind u8 | offender[20] | first payload (u32 length + bytes) | first signature[64] | second payload | second signature[64].
/// The two statements are stored in ascending byte order of their payloads, so one pair has exactly one encoding and one id.
/// </remarks>
public sealed class EquivocationEvidence
{
    const int MaxPayload = AccuracyClaim.MaxProofSize + 256;

    Hash32? _id;

    public EquivocationEvidence(EvidenceKind kind, NodeId offender, SignedStatement a, SignedStatement b)
    {
        if (kind is < EvidenceKind.Proposal or > EvidenceKind.Claim) throw new ArgumentOutOfRangeException(nameof(kind), $"unknown evidence kind {(int)kind}");
        Kind = kind;
        Offender = offender;
        bool swap = a.Payload.AsSpan().SequenceCompareTo(b.Payload) > 0;
        First = swap ? b : a;
        Second = swap ? a : b;
    }

    public EvidenceKind Kind { get; }
    public NodeId Offender { get; }
    public SignedStatement First { get; }
    public SignedStatement Second { get; }

    public Hash32 Id => _id ??= Hash32.Tagged(DomainTag.Evidence, Encode());

    public static EquivocationEvidence Of(Vote a, Vote b) =>
        new(a.Kind == VoteKind.Prevote ? EvidenceKind.Prevote : EvidenceKind.Precommit, a.Voter,
            new SignedStatement(a.SigningPayload(), a.Signature), new SignedStatement(b.SigningPayload(), b.Signature));

    public static EquivocationEvidence Of(Proposal a, Proposal b) =>
        new(EvidenceKind.Proposal, a.Statement.Proposer,
            new SignedStatement(a.Statement.Encode(), a.Signature), new SignedStatement(b.Statement.Encode(), b.Signature));

    public static EquivocationEvidence Of(AccuracyClaim a, AccuracyClaim b) =>
        new(EvidenceKind.Claim, a.Participant,
            new SignedStatement(a.SigningPayload(), a.Signature), new SignedStatement(b.SigningPayload(), b.Signature));

    /// <summary>Null when the evidence is sound: both statements decode, name the offender, share one slot of this task, differ, and carry valid signatures of a known validator.</summary>
    public string? Check(Hash32 taskId, ValidatorSet validators, ISignatureVerifier verifier)
    {
        if (!validators.TryGet(Offender, out var offender)) return $"offender {Offender} is not a validator";
        if (First.Payload.AsSpan().SequenceEqual(Second.Payload)) return "the two statements are identical";
        string tag;
        try
        {
            switch (Kind)
            {
                case EvidenceKind.Proposal:
                {
                    var a = ProposalStatement.Decode(First.Payload);
                    var b = ProposalStatement.Decode(Second.Payload);
                    if (a.TaskId != taskId || b.TaskId != taskId) return "a proposal belongs to another task";
                    if (a.Proposer != Offender || b.Proposer != Offender) return "a proposal is not the offender's";
                    if (a.Height != b.Height || a.View != b.View) return "the proposals are for different heights or views";
                    tag = DomainTag.Proposal;
                    break;
                }
                case EvidenceKind.Prevote or EvidenceKind.Precommit:
                {
                    var a = Vote.Decode([.. First.Payload, .. First.Signature]);
                    var b = Vote.Decode([.. Second.Payload, .. Second.Signature]);
                    var kind = Kind == EvidenceKind.Prevote ? VoteKind.Prevote : VoteKind.Precommit;
                    if (a.TaskId != taskId || b.TaskId != taskId) return "a vote belongs to another task";
                    if (a.Voter != Offender || b.Voter != Offender) return "a vote is not the offender's";
                    if (a.Kind != kind || b.Kind != kind) return $"a vote is not a {kind}";
                    if (a.Height != b.Height || a.View != b.View) return "the votes are for different heights or views";
                    tag = DomainTag.Vote;
                    break;
                }
                default:
                {
                    var a = AccuracyClaim.Decode([.. First.Payload, .. First.Signature]);
                    var b = AccuracyClaim.Decode([.. Second.Payload, .. Second.Signature]);
                    if (a.TaskId != taskId || b.TaskId != taskId) return "a claim belongs to another task";
                    if (a.Participant != Offender || b.Participant != Offender) return "a claim is not the offender's";
                    if (a.Round != b.Round) return "the claims are for different rounds";
                    tag = DomainTag.Claim;
                    break;
                }
            }
        }
        catch (InvalidDataException e)
        {
            return "a statement does not decode: " + e.Message;
        }
        if (!verifier.Verify(offender.SigningPublicKey, tag, First.Payload, First.Signature)) return "the first signature is invalid";
        if (!verifier.Verify(offender.SigningPublicKey, tag, Second.Payload, Second.Signature)) return "the second signature is invalid";
        return null;
    }

    public byte[] Encode()
    {
        var w = new CanonicalWriter(64 + First.Payload.Length + Second.Payload.Length + 128);
        w.U8((byte)Kind).Node(Offender).Bytes(First.Payload).Fixed(First.Signature).Bytes(Second.Payload).Fixed(Second.Signature);
        return w.ToArray();
    }

    public static EquivocationEvidence Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "equivocation evidence");
        var evidence = Read(ref r);
        r.End();
        return evidence;
    }

    internal static EquivocationEvidence Read(ref CanonicalReader r)
    {
        int at = r.Position;
        byte kind = r.U8("kind");
        if (kind is < (byte)EvidenceKind.Proposal or > (byte)EvidenceKind.Claim) throw r.Error("kind", at, $"unknown evidence kind {kind}");
        var offender = r.Node("offender");
        at = r.Position;
        var a = new SignedStatement(r.Bytes("first.payload", MaxPayload).ToArray(), r.Fixed(64, "first.signature").ToArray());
        var b = new SignedStatement(r.Bytes("second.payload", MaxPayload).ToArray(), r.Fixed(64, "second.signature").ToArray());
        if (a.Payload.AsSpan().SequenceCompareTo(b.Payload) > 0) throw r.Error("first.payload", at, "statements are not in canonical (ascending) order");
        return new EquivocationEvidence((EvidenceKind)kind, offender, a, b);
    }
}
