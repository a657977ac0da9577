using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>The stateless part of claim checking (signature, then proof): what a stateless verifier worker can do for any node.</summary>
public interface IClaimVerifier
{
    /// <summary>None, BadSignature or BadProof.</summary>
    ClaimRejection Verify(AccuracyClaim claim, ValidatorInfo participant);
}
