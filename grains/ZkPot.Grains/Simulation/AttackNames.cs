namespace ZkPot.Grains.Simulation;

/// <summary>The attack kinds as the command line spells them, and how "mixed" deals them to the Byzantine members.</summary>
public static class AttackNames
{
    public static readonly IReadOnlyDictionary<string, AttackKind> ByName = new Dictionary<string, AttackKind>(StringComparer.Ordinal)
    {
        ["none"] = AttackKind.None, ["inflated-claim"] = AttackKind.InflatedClaim, ["forged-proof"] = AttackKind.ForgedProof,
        ["replayed-proof"] = AttackKind.ReplayedProof, ["label-flip"] = AttackKind.LabelFlip, ["sign-flip"] = AttackKind.SignFlip,
        ["noise-update"] = AttackKind.NoiseUpdate, ["noise-leader"] = AttackKind.NoiseLeader, ["equivocation"] = AttackKind.Equivocation,
        ["withhold-votes"] = AttackKind.WithholdVotes, ["leader-substitute"] = AttackKind.LeaderSubstitute,
        ["leader-drop"] = AttackKind.LeaderDrop, ["poison-scale"] = AttackKind.PoisonScale,
        ["claim-equivocation"] = AttackKind.ClaimEquivocation, ["late-blob"] = AttackKind.LateBlob, ["vote-flood"] = AttackKind.VoteFlood,
    };

    public const string Mixed = "mixed";

    /// <summary>Why a single organisation's relayed cluster refuses attacks.</summary>
    public const string RelayedRefusal =
        "attacks run as separate members in the embedded federation (zkpot simulate without --gateway); the cluster behind --gateway is one honest organisation";

    public static string NameOf(AttackKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>The attack of each of the <paramref name="byzantine"/> attackers: one kind for all, a comma-separated list in turn, or for "mixed" every kind in turn.</summary>
    /// <param name="members">
    /// Whether the attackers are members of their own, each running its own code (the federation). A single
    /// organisation's relayed cluster has no Byzantine members: there any attack, or any Byzantine participant, is refused.
    /// </param>
    public static AttackKind[] Deal(string attack, int byzantine, bool members)
    {
        if (!members && (byzantine != 0 || attack != "none")) throw new ArgumentException(RelayedRefusal);
        if (attack == Mixed)
        {
            var kinds = ByName.Values.Where(k => k != AttackKind.None).ToArray();
            return Enumerable.Range(0, byzantine).Select(i => kinds[i % kinds.Length]).ToArray();
        }
        if (attack.Contains(','))
        {
            var listed = attack.Split(',').Select(name => Deal(name.Trim(), 1, members).Single()).ToArray();
            return Enumerable.Range(0, byzantine).Select(i => listed[i % listed.Length]).ToArray();
        }
        if (!ByName.TryGetValue(attack, out var kind))
            throw new ArgumentException($"--attack '{attack}' is not one of: {string.Join(", ", ByName.Keys)}, {Mixed}");
        if (kind == AttackKind.None && byzantine > 0) throw new ArgumentException("--attack none with Byzantine participants: name the attack");
        return Enumerable.Repeat(kind, byzantine).ToArray();
    }
}
