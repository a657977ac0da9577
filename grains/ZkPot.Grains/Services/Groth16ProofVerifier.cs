using ZkPot.Circuits;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;

namespace ZkPot.Grains.Services;

/// <summary>The real proof scheme of ZKPoT claims: a Groth16 (BN254) accuracy proof whose public inputs are the claim's task, round, participant, commitment and count.</summary>
public sealed class Groth16ProofVerifier(VerifyingKey key, int testSamples) : IProofVerifier
{
    public const string SchemeName = "groth16-bn254/v1";

    /// <summary>Manifest parameter: the snarkjs verification_key.json, relative to the chain directory.</summary>
    public const string KeyParameter = "verification_key";

    public const string SamplesParameter = "test_samples";

    public string Scheme => SchemeName;

    /// <summary>The statement a claim asserts, as the circuit's public inputs.</summary>
    public static AccuracyStatement StatementOf(AccuracyClaim claim) => new(
        AccuracyStatement.IdToField(claim.TaskId.ToArray()), (ulong)claim.Round, AccuracyStatement.IdToField(claim.Participant.ToArray()),
        ProofCodec.FieldFrom(claim.WeightsCommitment.ToArray(), "weights commitment"), claim.CorrectCount);

    public bool Verify(AccuracyClaim claim)
    {
        if (claim.TestSamples != testSamples) return false;
        try
        {
            return AccuracyTask.Verify(key, StatementOf(claim), ProofCodec.Decode(claim.Proof));
        }
        catch (InvalidDataException)
        {
            // Malformed points or an out-of-range commitment: a forged proof, not a crash.
            return false;
        }
    }

    /// <summary>Registers this scheme so `zkpot chain verify` checks real proofs from the key file the manifest names.</summary>
    public static void Register(ProofVerifierRegistry registry) =>
        registry.Register(SchemeName, (parameters, directory) =>
        {
            if (!parameters.TryGetValue(KeyParameter, out var file)) throw new InvalidDataException($"proof_verifier.parameters.{KeyParameter} is missing");
            if (!parameters.TryGetValue(SamplesParameter, out var samplesText) || !int.TryParse(samplesText, out int samples) || samples <= 0)
                throw new InvalidDataException($"proof_verifier.parameters.{SamplesParameter} must be a positive integer");
            return new Groth16ProofVerifier(SnarkjsJson.ReadVerifyingKey(Path.Combine(directory, file)), samples);
        });
}
