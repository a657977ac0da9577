namespace ZkPot.Grains.Simulation;

/// <summary>The attack kinds as the command line spells them, and how "mixed" deals them to the Byzantine participants.</summary>
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

    /// <summary>Kinds only a member of a federation can carry out (they need their own link); the relayed simulation refuses them.</summary>
    public static readonly IReadOnlySet<AttackKind> MemberOnly = new HashSet<AttackKind> { AttackKind.ClaimEquivocation, AttackKind.LateBlob, AttackKind.VoteFlood };

    public const string Mixed = "mixed";

    public static string NameOf(AttackKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>The attack of each of the <paramref name="byzantine"/> attackers: one kind for all, a comma-separated list in turn, or for "mixed" every kind in turn.</summary>
    /// <param name="members">Whether the attackers are members with their own link (a federation) rather than participants of one relayed cluster.</param>
    public static AttackKind[] Deal(string attack, int byzantine, bool members = false)
    {
        if (attack == Mixed)
        {
            var kinds = ByName.Values.Where(k => k != AttackKind.None && (members || !MemberOnly.Contains(k))).ToArray();
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
        if (!members && MemberOnly.Contains(kind)) throw new ArgumentException($"--attack {attack} needs members with their own link: run it with --members");
        return Enumerable.Repeat(kind, byzantine).ToArray();
    }
}
