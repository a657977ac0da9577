using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Services;

/// <summary>The consensus node's claim verifier: answers from verdicts the validator obtained from verifier workers, and checks locally what it has not seen.</summary>
public sealed class PrecheckedClaimVerifier(IClaimVerifier local) : IClaimVerifier
{
    readonly Dictionary<Hash32, ClaimRejection> _verdicts = [];
    readonly Dictionary<NodeId, int> _perParticipant = [];
    long _round = -1;

    /// <summary>
    /// Whether a claim may go to the verifier workers now: of <paramref name="round"/> (verdicts of earlier rounds are
    /// dropped when it moves on), not seen before, and at most two per participant and round, as the node's own pool
    /// checks at most two (then the participant is ranked or disqualified).
    /// </summary>
    public bool ShouldPrecheck(AccuracyClaim claim, long round)
    {
        if (round != _round)
        {
            _round = round;
            _verdicts.Clear();
            _perParticipant.Clear();
        }
        if (claim.Round != round || _verdicts.ContainsKey(claim.Id)) return false;
        int count = _perParticipant.GetValueOrDefault(claim.Participant);
        if (count >= 2) return false;
        _perParticipant[claim.Participant] = count + 1;
        return true;
    }

    public void Record(Hash32 claimId, ClaimRejection verdict) => _verdicts[claimId] = verdict;

    public ClaimRejection Verify(AccuracyClaim claim, ValidatorInfo participant)
    {
        if (!_verdicts.TryGetValue(claim.Id, out var verdict)) _verdicts[claim.Id] = verdict = local.Verify(claim, participant);
        return verdict;
    }
}
