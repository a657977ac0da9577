namespace ZkPot.Grains;

/// <summary>Stateless BFT voting work: checks a batch of vote signatures.</summary>
public interface IVoteWorker : IGrainWithIntegerKey
{
    /// <summary>For each canonical vote, whether its signature verifies under the named validator's key.</summary>
    Task<bool[]> CheckVotes(List<byte[]> votes, List<NodeKeys> validators);
}
