using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>A participant's signed statement "my committed model classifies CorrectCount of TestSamples public samples correctly", with the proof of it.</summary>
/// <remarks>
/// Encoding (296 bytes with a 128-byte proof): task_id[32] | round u64 | participant[20] | weights_commitment[32] |
/// correct u32 | samples u32 | proof (u32 length + bytes) | signature[64]. The signature is Ed25519 over
/// tag "zkpot/claim/v1" and every field before it.
/// </remarks>
public sealed class AccuracyClaim
{
    public const int MaxProofSize = 4096;

    byte[]? _encoded;
    Hash32? _id;

    public AccuracyClaim(Hash32 taskId, long round, NodeId participant, Hash32 weightsCommitment, int correctCount, int testSamples, byte[] proof, byte[] signature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        if (testSamples <= 0) throw new ArgumentOutOfRangeException(nameof(testSamples), $"test samples must be positive, got {testSamples}");
        if (correctCount < 0 || correctCount > testSamples)
            throw new ArgumentOutOfRangeException(nameof(correctCount), $"correct count {correctCount} is outside [0, {testSamples}]");
        if (proof.Length > MaxProofSize) throw new ArgumentException($"proof has {proof.Length} bytes, the limit is {MaxProofSize}", nameof(proof));
        if (signature.Length != Ed25519Verifier.SignatureSize) throw new ArgumentException($"signature has {signature.Length} bytes, expected 64", nameof(signature));
        TaskId = taskId;
        Round = round;
        Participant = participant;
        WeightsCommitment = weightsCommitment;
        CorrectCount = correctCount;
        TestSamples = testSamples;
        Proof = (byte[])proof.Clone();
        Signature = (byte[])signature.Clone();
    }

    /// <summary>Builds the claim and signs it with the participant's key (the participant id is the signer's).</summary>
    public static AccuracyClaim Create(Hash32 taskId, long round, NodeIdentity participant, Hash32 weightsCommitment, int correctCount, int testSamples, byte[] proof)
    {
        var unsigned = new AccuracyClaim(taskId, round, participant.Id, weightsCommitment, correctCount, testSamples, proof, new byte[64]);
        byte[] signature = participant.Sign(DomainTag.Claim, unsigned.SigningPayload());
        return new AccuracyClaim(taskId, round, participant.Id, weightsCommitment, correctCount, testSamples, proof, signature);
    }

    public Hash32 TaskId { get; }
    public long Round { get; }
    public NodeId Participant { get; }
    public Hash32 WeightsCommitment { get; }
    public int CorrectCount { get; }
    public int TestSamples { get; }
    public byte[] Proof { get; }
    public byte[] Signature { get; }

    /// <summary>Hash of the full encoding (signature included): two claims are the same message exactly when their ids match.</summary>
    public Hash32 Id => _id ??= Hash32.Tagged(DomainTag.ClaimId, Encode());

    /// <summary>Digest of the proof bytes alone, used to spot a proof replayed under another participant or round.</summary>
    public Hash32 ProofDigest => Hash32.Tagged(DomainTag.ProofDigest, Proof);

    public byte[] SigningPayload()
    {
        var w = new CanonicalWriter(168 + Proof.Length);
        WriteFields(w);
        return w.ToArray();
    }

    public byte[] Encode()
    {
        if (_encoded is null)
        {
            var w = new CanonicalWriter(232 + Proof.Length);
            WriteFields(w);
            w.Fixed(Signature);
            _encoded = w.ToArray();
        }
        return (byte[])_encoded.Clone();
    }

    public bool VerifySignature(ReadOnlySpan<byte> participantPublicKey, ISignatureVerifier verifier) =>
        verifier.Verify(participantPublicKey, DomainTag.Claim, SigningPayload(), Signature);

    public static AccuracyClaim Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "accuracy claim");
        var claim = Read(ref r);
        r.End();
        return claim;
    }

    internal static AccuracyClaim Read(ref CanonicalReader r)
    {
        var task = r.Hash("task_id");
        long round = r.Height("round");
        var participant = r.Node("participant");
        var commitment = r.Hash("weights_commitment");
        int at = r.Position;
        int correct = r.Count("correct_count");
        int samples = r.Count("test_samples");
        if (samples == 0 || correct > samples) throw r.Error("correct_count", at, $"{correct} correct of {samples} samples is not a valid accuracy");
        byte[] proof = r.Bytes("proof", MaxProofSize).ToArray();
        byte[] signature = r.Fixed(64, "signature").ToArray();
        return new AccuracyClaim(task, round, participant, commitment, correct, samples, proof, signature);
    }

    void WriteFields(CanonicalWriter w) =>
        w.Hash(TaskId).Height(Round).Node(Participant).Hash(WeightsCommitment).Count(CorrectCount).Count(TestSamples).Bytes(Proof);
}
