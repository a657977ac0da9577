using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>What the committed chain implies for later rounds: the tip, excluded equivocators, proofs already used, evidence already recorded.</summary>
public sealed class ChainState
{
    readonly List<Block> _blocks = [];
    readonly HashSet<NodeId> _excluded = [];
    readonly Dictionary<Hash32, (long Round, NodeId Participant)> _proofOwners = [];
    readonly HashSet<Hash32> _evidence = [];

    public ChainState(Block genesis)
    {
        // The genesis block's previous-hash field is not a link: it holds the hash of the setup transcript (or zero).
        if (genesis.Height != 0 || genesis.Claims.Count != 0 || genesis.Evidence.Count != 0)
            throw new ArgumentException("genesis must be height 0 with no transactions", nameof(genesis));
        _blocks.Add(genesis);
    }

    public IReadOnlyList<Block> Blocks => _blocks;

    public Block Tip => _blocks[^1];

    public Hash32 TaskId => _blocks[0].Header.TaskId;

    /// <summary>Participants with committed equivocation evidence: their claims are refused from the next round on.</summary>
    public IReadOnlySet<NodeId> Excluded => _excluded;

    public bool HasEvidence(Hash32 evidenceId) => _evidence.Contains(evidenceId);

    public bool TryGetProofOwner(Hash32 proofDigest, out (long Round, NodeId Participant) owner) => _proofOwners.TryGetValue(proofDigest, out owner);

    /// <summary>Appends a block the caller has already validated as the next one.</summary>
    public void Append(Block block)
    {
        if (block.Height != Tip.Height + 1 || block.Header.PreviousHash != Tip.Hash)
            throw new InvalidOperationException($"block {block.Height} ({block.Hash}) does not extend the tip {Tip.Height} ({Tip.Hash})");
        _blocks.Add(block);
        foreach (var c in block.Claims) _proofOwners.TryAdd(c.ProofDigest, (c.Round, c.Participant));
        foreach (var e in block.Evidence)
        {
            _evidence.Add(e.Id);
            _excluded.Add(e.Offender);
        }
    }
}
