using System.Security.Cryptography;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Simulation;

/// <summary>
/// SIMULATION ONLY, not a zero-knowledge proof: a deterministic stand-in for Groth16 so the consensus can be exercised
/// without proving. A "proof" is 128 bytes of HMAC-SHA512 over the public inputs (task, round, participant, commitment,
/// correct count, samples) under a per-participant prover key derived from a master key. Only the holder of that
/// participant's key can make one, and it is bound to all public inputs, as a Groth16 proof is; but whoever holds the
/// master key (any verifier) could forge one. The real Groth16 verifier is plugged in through <see cref="IProofVerifier"/>.
/// </summary>
public sealed class StandInProofVerifier : IProofVerifier
{
    public const string SchemeName = "standin-hmac-sha512/v1";
    public const int ProofSize = 128;

    readonly byte[] _masterKey;

    public StandInProofVerifier(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException($"the stand-in master key has 32 bytes, got {masterKey.Length}", nameof(masterKey));
        _masterKey = (byte[])masterKey.Clone();
    }

    public static StandInProofVerifier FromParameters(IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("master_key", out var hex)) throw new InvalidDataException($"proof scheme {SchemeName} needs the parameter 'master_key'");
        try { return new StandInProofVerifier(Convert.FromHexString(hex)); }
        catch (Exception e) when (e is FormatException or ArgumentException) { throw new InvalidDataException($"proof scheme {SchemeName}: master_key: {e.Message}"); }
    }

    public string Scheme => SchemeName;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string> { ["master_key"] = Convert.ToHexStringLower(_masterKey) };

    /// <summary>The secret a participant's (simulated) prover holds.</summary>
    public byte[] ProverKeyFor(NodeId participant) => HMACSHA256.HashData(_masterKey, DomainTag.Prefix("zkpot/standin/prover-key/v1", participant.ToArray()));

    public static byte[] Prove(byte[] proverKey, Hash32 taskId, long round, NodeId participant, Hash32 commitment, int correct, int samples)
    {
        byte[] inputs = new CanonicalWriter(112).Hash(taskId).Height(round).Node(participant).Hash(commitment).Count(correct).Count(samples).ToArray();
        var proof = new byte[ProofSize];
        HMACSHA512.HashData(proverKey, DomainTag.Prefix("zkpot/standin/proof/v1#0", inputs), proof.AsSpan(0, 64));
        HMACSHA512.HashData(proverKey, DomainTag.Prefix("zkpot/standin/proof/v1#1", inputs), proof.AsSpan(64, 64));
        return proof;
    }

    public bool Verify(AccuracyClaim claim)
    {
        if (claim.Proof.Length != ProofSize) return false;
        byte[] expected = Prove(ProverKeyFor(claim.Participant), claim.TaskId, claim.Round, claim.Participant, claim.WeightsCommitment, claim.CorrectCount, claim.TestSamples);
        return CryptographicOperations.FixedTimeEquals(expected, claim.Proof);
    }
}
