using ZkPot.Circuits;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;

namespace ZkPot.Grains.Services;

/// <summary>The real proof scheme of ZKPoT claims: a Groth16 (BN254) accuracy proof whose public inputs are the claim's task, round, participant and count, and whose commitment D is the claim's weights commitment.</summary>
public sealed class Groth16ProofVerifier(VerifyingKey key, int testSamples) : IProofVerifier
{
    public const string SchemeName = "groth16-cp-bn254/v2";

    /// <summary>Genesis parameter: the snarkjs verification_key.json, relative to the chain directory (its SHA-256 beside it).</summary>
    public const string KeyParameter = "verification_key";

    public const string SamplesParameter = "test_samples";

    public string Scheme => SchemeName;

    /// <summary>The statement a claim asserts, as the circuit's public inputs.</summary>
    public static AccuracyStatement StatementOf(AccuracyClaim claim) => new(
        AccuracyStatement.IdToField(claim.TaskId.ToArray()), (ulong)claim.Round, AccuracyStatement.IdToField(claim.Participant.ToArray()), claim.CorrectCount);

    /// <summary>The claim's weights commitment must be the proof's D, and the proof (D's proof of knowledge included) must verify.</summary>
    public bool Verify(AccuracyClaim claim)
    {
        if (claim.TestSamples != testSamples) return false;
        try
        {
            var proof = ProofCodec.Decode(claim.Proof);
            if (ProofCodec.PointId(proof.Commitment!.D) != claim.WeightsCommitment) return false;
            return AccuracyTask.Verify(key, StatementOf(claim), proof);
        }
        catch (InvalidDataException)
        {
            // Malformed points or an out-of-range commitment: a forged proof, not a crash.
            return false;
        }
    }

    /// <summary>The header's model commitment must be the sum of the included claims' D (their commitments, checked against the proofs).</summary>
    public string? CheckAggregateCommitment(BlockHeader header, IReadOnlyList<AccuracyClaim> included) =>
        CommittedAggregate.HeaderCommitmentProblem(header, included);

    /// <summary>Registers this scheme so `zkpot chain verify` checks real proofs with the key file the genesis record commits to.</summary>
    public static void Register(ProofVerifierRegistry registry) =>
        registry.Register(SchemeName, (parameters, files) =>
        {
            if (!parameters.TryGetValue(SamplesParameter, out var samplesText) || !int.TryParse(samplesText, out int samples) || samples <= 0)
                throw new InvalidDataException($"proof_verifier.parameters.{SamplesParameter} must be a positive integer");
            var key = files.ReadCommitted(parameters, KeyParameter, "verifying key");
            return new Groth16ProofVerifier(SnarkjsJson.ParseVerifyingKey(key, parameters[KeyParameter]), samples);
        });
}
