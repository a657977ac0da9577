using ZkPot.Grains.Federation;
using ZkPot.Grains.Grains;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Adversary;

/// <summary>Reading and writing link frames, for adversaries that look at and forge traffic.</summary>
static class Frames
{
    /// <summary>The consensus message inside a federation frame, with its envelope; null for anything else.</summary>
    public static (FederationMessage Envelope, ConsensusMessage Message)? Consensus(byte[] frame)
    {
        if (LinkFrame.Parse(frame) is not { Kind: ValidatorGrain.FederationKind } wire) return null;
        try
        {
            var envelope = FederationMessage.Decode(wire.Bytes);
            return (envelope, ConsensusMessageCodec.Decode(envelope.Kind, envelope.Payload));
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>The claim in a raw claim frame; null for anything else.</summary>
    public static AccuracyClaim? Claim(byte[] frame)
    {
        if (LinkFrame.Parse(frame) is not { Kind: ValidatorGrain.ClaimKind } wire) return null;
        try { return AccuracyClaim.Decode(wire.Bytes); }
        catch (InvalidDataException) { return null; }
    }

    public static byte[] Of(AccuracyClaim claim) => LinkFrame.Of(ValidatorGrain.ClaimKind, claim.Encode());

    public static byte[] Of(Hash32 taskId, NodeIdentity sender, ulong sequence, ConsensusMessage message) =>
        LinkFrame.Of(ValidatorGrain.FederationKind, FederationMessage.Create(taskId, sender, sequence, message));

    /// <summary>The claim re-made and signed as <paramref name="identity"/> with the given fields.</summary>
    public static AccuracyClaim Resign(AccuracyClaim claim, NodeIdentity identity, Hash32? commitment = null, int? correct = null, byte[]? proof = null) =>
        AccuracyClaim.Create(claim.TaskId, claim.Round, identity, commitment ?? claim.WeightsCommitment, correct ?? claim.CorrectCount, claim.TestSamples,
                             proof ?? claim.Proof);
}
