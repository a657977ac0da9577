using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>What a chain directory needs besides its blocks: the task, the genesis hash, the validators' keys and which proof verifier (and key) applies.</summary>
public sealed record ChainManifest(Hash32 TaskId, Hash32 GenesisHash, ValidatorSet Validators, string ProofScheme,
                                   IReadOnlyDictionary<string, string> ProofParameters, int BlockCount);
