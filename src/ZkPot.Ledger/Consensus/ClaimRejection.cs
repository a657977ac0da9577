namespace ZkPot.Ledger.Consensus;

/// <summary>Why a claim was not accepted into a round's ranking (None: accepted).</summary>
public enum ClaimRejection
{
    None = 0,
    /// <summary>The participant's Ed25519 signature does not verify.</summary>
    BadSignature,
    /// <summary>The proof does not verify against the claim's public inputs (task, round, participant, commitment, count).</summary>
    BadProof,
    /// <summary>The claim names another task or another public test batch size.</summary>
    WrongTask,
    /// <summary>The claim is for another round than the one being decided.</summary>
    WrongRound,
    /// <summary>The participant is not in the validator set.</summary>
    UnknownParticipant,
    /// <summary>The participant was excluded by equivocation evidence committed in an earlier block.</summary>
    Excluded,
    /// <summary>The proof was already used by another participant or in another round.</summary>
    Replayed,
    /// <summary>The same claim was seen before (idempotent resend); its earlier verdict stands.</summary>
    Duplicate,
    /// <summary>The participant signed two different valid claims for this round; both are dropped, evidence is kept and the participant is disqualified for the round.</summary>
    Conflicting,
    /// <summary>The participant already signed a claim with a bad proof, or two different claims, this round: its further claims are refused unchecked.</summary>
    Disqualified,
}
