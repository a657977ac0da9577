using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Grains;

/// <summary>Vote-signature checks, spread over every silo.</summary>
[StatelessWorker]
public sealed class VoteWorker : Grain, IVoteWorker
{
    public Task<bool[]> CheckVotes(List<byte[]> votes, List<NodeKeys> validators)
    {
        var set = ValidatorSetOf(validators);
        var result = new bool[votes.Count];
        for (int i = 0; i < votes.Count; i++)
        {
            try { result[i] = Vote.Decode(votes[i]).VerifySignature(set, Ed25519Verifier.Instance); }
            catch (Exception e) when (e is InvalidDataException or ArgumentException) { result[i] = false; }
        }
        return Task.FromResult(result);
    }

    public static ValidatorSet ValidatorSetOf(IEnumerable<NodeKeys> validators) =>
        new(validators.Select(v => new ValidatorInfo(v.Ed25519, v.X25519)));
}
