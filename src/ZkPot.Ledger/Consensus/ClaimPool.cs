using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>One round's claims: admits each claim once through the ordered checks, keeps the accepted ones and ranks them.</summary>
/// <remarks>
/// Checks, in order: task and batch size, round, known participant, not excluded, seen before (its first verdict
/// stands), signature, participant already disqualified this round (refused unchecked), proof replayed from another
/// participant or round, proof, second different claim by the same participant.
/// A participant that signs a claim with a bad or replayed proof, or two different valid claims, is disqualified for the round:
/// it leaves the ranking and its later claims are not checked, so it gets at most two proof checks per round. The
/// claims that disqualified it are its own signed offence; the node relays them (<see cref="Offences"/>) so that every
/// honest node drops it too and their rankings, and so the leaders of each view, stay the same. Without that, a claim
/// sent to one validator alone (a second claim, or a bad one that arrives first) would give it a ranking of its own
/// for the rest of the height. A claim with a bad signature leaves nothing behind, so claims forged in an honest
/// participant's name neither fill memory nor disqualify it.
/// </remarks>
public sealed class ClaimPool
{
    readonly Hash32 _taskId;
    readonly int _testSamples;
    readonly ValidatorSet _validators;
    readonly ChainState _chain;
    readonly IClaimVerifier _verifier;
    readonly ISignatureVerifier _signatures;
    readonly List<AccuracyClaim> _offences = [];
    readonly Dictionary<Hash32, ClaimRejection> _verdicts = [];
    readonly Dictionary<Hash32, ClaimRejection> _stateless = [];
    readonly Dictionary<NodeId, AccuracyClaim> _accepted = [];
    readonly Dictionary<Hash32, NodeId> _roundProofs = [];
    readonly HashSet<NodeId> _disqualified = [];
    List<AccuracyClaim>? _ranked;

    public ClaimPool(Hash32 taskId, int testSamples, long round, ValidatorSet validators, ChainState chain, IClaimVerifier verifier,
                     ISignatureVerifier? signatures = null)
    {
        _signatures = signatures ?? Ed25519Verifier.Instance;
        _taskId = taskId;
        _testSamples = testSamples;
        Round = round;
        _validators = validators;
        _chain = chain;
        _verifier = verifier;
    }

    public long Round { get; }

    public int Count => _accepted.Count;

    /// <summary>Accepted claims, best first (see <see cref="ClaimRanking"/>).</summary>
    public IReadOnlyList<AccuracyClaim> Ranked => _ranked ??= ClaimRanking.Rank(_accepted.Values, Round);

    public bool IsAccepted(AccuracyClaim claim) => _accepted.TryGetValue(claim.Participant, out var c) && c.Id == claim.Id;

    public bool TryGet(NodeId participant, out AccuracyClaim claim) => _accepted.TryGetValue(participant, out claim!);

    /// <summary>The signed claims that disqualified a participant this round (a bad proof, or both claims of an equivocation), in the order found: what to relay.</summary>
    public IReadOnlyList<AccuracyClaim> Offences => _offences;

    /// <summary>Admits a claim. Evidence is returned when this claim and an accepted one conflict.</summary>
    public (ClaimRejection Verdict, EquivocationEvidence? Evidence) Admit(AccuracyClaim claim)
    {
        if (claim.TaskId != _taskId || claim.TestSamples != _testSamples) return (ClaimRejection.WrongTask, null);
        if (claim.Round != Round) return (ClaimRejection.WrongRound, null);
        if (!_validators.TryGet(claim.Participant, out var participant)) return (ClaimRejection.UnknownParticipant, null);
        if (_chain.Excluded.Contains(claim.Participant)) return (ClaimRejection.Excluded, null);
        if (_verdicts.TryGetValue(claim.Id, out var earlier)) return (earlier == ClaimRejection.None ? ClaimRejection.Duplicate : earlier, null);
        if (!claim.VerifySignature(participant.SigningPublicKey, _signatures)) return (ClaimRejection.BadSignature, null);
        if (_disqualified.Contains(claim.Participant)) return (ClaimRejection.Disqualified, null);
        var (verdict, evidence) = Check(claim, participant);
        _verdicts[claim.Id] = verdict;
        return (verdict, evidence);
    }

    /// <summary>
    /// Whether a claim may stand in a block: task and batch size, round, known participant, not excluded by the chain,
    /// proof not used in an earlier block, signature and proof. A function of the claim and the chain only, never of
    /// which other claims this node happened to receive (a second claim by the same participant makes no difference
    /// here), so every honest validator reaches the same verdict on the same block.
    /// </summary>
    public ClaimRejection Validate(AccuracyClaim claim)
    {
        if (claim.TaskId != _taskId || claim.TestSamples != _testSamples) return ClaimRejection.WrongTask;
        if (claim.Round != Round) return ClaimRejection.WrongRound;
        if (!_validators.TryGet(claim.Participant, out var participant)) return ClaimRejection.UnknownParticipant;
        if (_chain.Excluded.Contains(claim.Participant)) return ClaimRejection.Excluded;
        if (_chain.TryGetProofOwner(claim.ProofDigest, out _)) return ClaimRejection.Replayed;
        return Stateless(claim, participant);
    }

    ClaimRejection Stateless(AccuracyClaim claim, ValidatorInfo participant)
    {
        if (!_stateless.TryGetValue(claim.Id, out var verdict)) _stateless[claim.Id] = verdict = _verifier.Verify(claim, participant);
        return verdict;
    }

    (ClaimRejection, EquivocationEvidence?) Check(AccuracyClaim claim, ValidatorInfo participant)
    {
        // A signed claim carrying a proof already used (in the chain, or by another participant this round) is its
        // signer's offence like a bad proof, found without a proof check.
        var digest = claim.ProofDigest;
        if (_chain.TryGetProofOwner(digest, out _) || (_roundProofs.TryGetValue(digest, out var owner) && owner != claim.Participant))
        {
            Disqualify(claim.Participant, claim);
            return (ClaimRejection.Replayed, null);
        }
        var stateless = Stateless(claim, participant);
        if (stateless == ClaimRejection.BadSignature) return (stateless, null);
        if (stateless == ClaimRejection.BadProof)
        {
            Disqualify(claim.Participant, claim);
            return (stateless, null);
        }
        if (stateless != ClaimRejection.None) return (stateless, null);
        if (_accepted.TryGetValue(claim.Participant, out var previous))
        {
            Disqualify(claim.Participant, previous, claim);
            return (ClaimRejection.Conflicting, EquivocationEvidence.Of(previous, claim));
        }
        _accepted.Add(claim.Participant, claim);
        _roundProofs.TryAdd(digest, claim.Participant);
        _ranked = null;
        return (ClaimRejection.None, null);
    }

    void Disqualify(NodeId participant, params AccuracyClaim[] offence)
    {
        _disqualified.Add(participant);
        if (_accepted.Remove(participant)) _ranked = null;
        _offences.AddRange(offence);
    }
}
