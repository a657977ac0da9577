using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Services;

/// <summary>The consensus node's claim verifier: answers from verdicts the validator obtained from verifier workers, and checks locally what it has not seen.</summary>
public sealed class PrecheckedClaimVerifier(IClaimVerifier local) : IClaimVerifier
{
    readonly Dictionary<Hash32, ClaimRejection> _verdicts = [];

    public bool Knows(Hash32 claimId) => _verdicts.ContainsKey(claimId);

    public void Record(Hash32 claimId, ClaimRejection verdict) => _verdicts[claimId] = verdict;

    public ClaimRejection Verify(AccuracyClaim claim, ValidatorInfo participant)
    {
        if (!_verdicts.TryGetValue(claim.Id, out var verdict)) _verdicts[claim.Id] = verdict = local.Verify(claim, participant);
        return verdict;
    }
}
