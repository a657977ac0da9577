using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>Checks the participant's signature, then the proof through the injected proof verifier.</summary>
public sealed class ClaimVerifier(IProofVerifier proofs, ISignatureVerifier? signatures = null) : IClaimVerifier
{
    readonly ISignatureVerifier _signatures = signatures ?? Ed25519Verifier.Instance;

    public IProofVerifier Proofs => proofs;

    public ClaimRejection Verify(AccuracyClaim claim, ValidatorInfo participant)
    {
        if (participant.Id != claim.Participant) throw new ArgumentException($"participant keys are for {participant.Id}, the claim is by {claim.Participant}", nameof(participant));
        if (!claim.VerifySignature(participant.SigningPublicKey, _signatures)) return ClaimRejection.BadSignature;
        return proofs.Verify(claim) ? ClaimRejection.None : ClaimRejection.BadProof;
    }
}
