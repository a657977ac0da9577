using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Services;

/// <summary>
/// The members of a masking attempt (PROTOCOL §12) from the set's signed claims and the genesis validator set: keys
/// come from genesis, each D from a claim its participant signed, never from the leader's word (with a made-up D,
/// made-up evidence would check and a restart could leave out an honest participant).
/// </summary>
public static class MaskMembers
{
    /// <summary>InvalidDataException names the first claim that is not a signed claim of this task and round by a genesis validator, or a second claim by one participant.</summary>
    public static List<MaskMember> From(IEnumerable<AccuracyClaim> claims, ValidatorSet validators, Hash32 taskId, long round)
    {
        var members = new List<MaskMember>();
        foreach (var claim in claims)
        {
            string who = $"claim of {claim.Participant}";
            if (!validators.TryGet(claim.Participant, out var info)) throw new InvalidDataException($"{who}: not a validator of the genesis set");
            if (claim.TaskId != taskId || claim.Round != round) throw new InvalidDataException($"{who}: of another task or round");
            if (!claim.VerifySignature(info.SigningPublicKey, Ed25519Verifier.Instance)) throw new InvalidDataException($"{who}: bad signature");
            if (members.Any(m => m.Id == claim.Participant)) throw new InvalidDataException($"{who}: a second claim by the same participant");
            members.Add(new MaskMember(claim.Participant, info.SigningPublicKey, info.AgreementPublicKey, ProofCodec.PointFrom(claim.WeightsCommitment, who)));
        }
        return members;
    }
}
