namespace ZkPot.Grains;

/// <summary>Stateless BFT voting work: checks a batch of vote signatures and assembles a quorum certificate from valid precommits.</summary>
public interface IVoteWorker : IGrainWithIntegerKey
{
    /// <summary>For each canonical vote, whether its signature verifies under the named validator's key.</summary>
    Task<bool[]> CheckVotes(List<byte[]> votes, List<NodeKeys> validators);

    /// <summary>Checks a committed block's quorum certificate; null when valid, otherwise why not.</summary>
    Task<string?> CheckCertificate(byte[] block, List<NodeKeys> validators);
}
