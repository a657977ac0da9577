using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class ConsensusNodeTests
{
    /// <summary>States the honest mean but stores a model that is only 5% accurate.</summary>
    sealed class NoiseAggregator(IContentStore store) : IAggregator
    {
        public AggregateResult? Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> rankedClaims) =>
            SimAggregator.Store(store, rankedClaims, new SimModel(round, 5, Fixtures.Samples, Hash32.Sha256("noise"u8)), (int)rankedClaims.Average(c => c.CorrectCount));
    }

    static Cluster Round1(params int[] correct)
    {
        var c = new Cluster(4);
        c.Start();
        c.SubmitClaims(1, correct);
        return c;
    }

    static Block OnlyCommit(Cluster c, int node) => Assert.Single(c.Committed(node));

    [Fact]
    public void Top_verified_claim_leads_and_every_node_commits_the_same_block_with_a_quorum_certificate()
    {
        var c = Round1(70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        for (int i = 1; i < 4; i++) Assert.Equal(block.Hash, OnlyCommit(c, i).Hash);
        Assert.Equal(c.Ids[1].Id, block.Header.Leader);
        Assert.Equal((1L, 0, 4, 75), (block.Height, block.Certificate!.View, block.Claims.Count, block.Header.GlobalCorrect));
        Assert.Equal(c.Genesis.Hash, block.Header.PreviousHash);
        Assert.True(block.Certificate.Signatures.Count >= c.Validators.Quorum);
        Assert.Null(block.Certificate.Check(Fixtures.Task, 1, block.Hash, c.Validators, Ed25519Verifier.Instance));
        Assert.All(c.Nodes, n => Assert.Equal(2, n.Height));
    }

    [Fact]
    public void Consecutive_rounds_extend_the_chain()
    {
        var c = Round1(70, 90, 80, 60);
        c.AdvanceTo(1000);
        c.SubmitClaims(2, 88, 50, 60, 70);
        c.AdvanceTo(2000);
        var blocks = c.Committed(2).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(blocks[0].Hash, blocks[1].Header.PreviousHash);
        Assert.Equal(c.Ids[0].Id, blocks[1].Header.Leader);
        Assert.Equal(3, c.Nodes[2].Chain.Blocks.Count);
    }

    [Fact]
    public void Block_carries_only_verified_claims_and_rejections_are_reported()
    {
        var c = new Cluster(4);
        c.Start();
        c.SubmitClaims(1, 70, 90, 80);
        var honest = Fixtures.Claim(c.Ids[3], 1, 60);
        var inflated = AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[3], honest.WeightsCommitment, 99, Fixtures.Samples, honest.Proof);
        c.Broadcast(3, new ClaimMessage(inflated));
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        Assert.DoesNotContain(block.Claims, x => x.Participant == c.Ids[3].Id);
        Assert.Equal(c.Ids[1].Id, block.Header.Leader);
        Assert.Contains(c.Outputs[0].SelectMany(o => o.Claims), v => v.Participant == c.Ids[3].Id && v.Rejection == ClaimRejection.BadProof);
    }

    [Fact]
    public void Equal_counts_are_ordered_by_the_round_hash_tie_break()
    {
        var c = Round1(80, 80, 80, 80);
        c.AdvanceTo(1000);
        var expected = c.Ids.Select(i => i.Id).OrderBy(id => ClaimRanking.TieBreak(1, id)).First();
        Assert.Equal(expected, OnlyCommit(c, 0).Header.Leader);
    }

    [Fact]
    public void Silent_leader_causes_a_view_change_to_the_next_ranked_on_timeout()
    {
        var c = new Cluster(4) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(2499);
        Assert.Empty(c.Committed(0));
        c.AdvanceTo(2500);
        var block = OnlyCommit(c, 0);
        Assert.Equal(c.Ids[2].Id, block.Header.Leader);
        Assert.Equal((1, 1), (block.Header.View, block.Certificate!.View));
        Assert.Contains(c.VotesBy(0), v => v.Kind == VoteKind.Precommit && v.View == 0 && v.IsNil);
    }

    [Fact]
    public void Bad_aggregate_is_voted_nil_and_the_next_ranked_leads_without_waiting_for_the_timeout()
    {
        var c = new Cluster(4, (i, store) => i == 1 ? new NoiseAggregator(store) : new SimAggregator(store));
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        Assert.Equal(c.Ids[2].Id, block.Header.Leader);
        Assert.Equal(1, block.Certificate!.View);
        Assert.Contains(c.Outputs[0].SelectMany(o => o.RejectedProposals), r => r.Contains("aggregate rejected"));
        Assert.Contains(c.VotesBy(0), v => v.Kind == VoteKind.Prevote && v.View == 0 && v.IsNil);
    }

    /// <summary>
    /// Block validity is a function of the block and the chain: a second, different claim by an included participant,
    /// sent to one validator only (a re-randomized proof costs nothing), makes that participant conflicting in the
    /// validator's ranking but does not make it refuse a block carrying the first claim. Before, it prevoted nil and,
    /// with one more faulty node, the height could not gather a quorum. (Node 0's relay of the offence is cut here, so
    /// the others still rank participant 3 and its claim is in the block.)
    /// </summary>
    [Fact]
    public void A_second_claim_seen_by_one_validator_does_not_change_its_verdict_on_the_block()
    {
        var c = new Cluster(4) { Link = (from, to, m) => from != 0 || to == 0 || m is not ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var commitment = Hash32.Sha256("another model"u8);
        var second = AccuracyClaim.Create(Fixtures.Task, 1, c.Ids[3], commitment, 60, Fixtures.Samples,
            StandInProofVerifier.Prove(Fixtures.Proofs.ProverKeyFor(c.Ids[3].Id), Fixtures.Task, 1, c.Ids[3].Id, commitment, 60, Fixtures.Samples));
        c.Deliver(0, new ClaimMessage(second));
        Assert.DoesNotContain(c.Nodes[0].RankedClaims, claim => claim.Participant == c.Ids[3].Id);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        Assert.Contains(block.Claims, claim => claim.Participant == c.Ids[3].Id);
        Assert.Contains(c.VotesBy(0), v => v.BlockHash == block.Hash && v.Kind == VoteKind.Prevote);
        for (int i = 1; i < 4; i++) Assert.Equal(block.Hash, OnlyCommit(c, i).Hash);
    }

    /// <summary>
    /// The rightful leader proposes a block with its own claim alone, so that its model is the whole aggregate (the
    /// included set is a function of the block, so it could otherwise choose it). A block must carry at least a quorum
    /// of claims: a leader can leave out at most f. Every honest validator prevotes nil and the next leader commits.
    /// </summary>
    [Fact]
    public void A_leader_leaving_out_all_but_its_own_claim_gets_no_prevote_and_the_next_view_commits()
    {
        var c = new Cluster(4) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var own = c.Nodes[1].RankedClaims.Where(claim => claim.Participant == c.Ids[1].Id).ToList();
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, own)!.Value;
        var alone = Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect, agg.GlobalSamples, c.Ids[1].Id, own, []);
        var proposal = new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, alone, c.Ids[1]));
        foreach (int to in new[] { 0, 2, 3 }) c.Deliver(to, proposal);
        c.AdvanceTo(5000);
        foreach (int honest in new[] { 0, 2, 3 })
        {
            Assert.DoesNotContain(c.VotesBy(honest), v => v.BlockHash == alone.Hash);
            var block = OnlyCommit(c, honest);
            Assert.True(block.Claims.Count >= c.Validators.Quorum);
            Assert.NotEqual(c.Ids[1].Id, block.Header.Leader);
        }
    }

    [Fact]
    public void A_block_with_more_claims_than_participants_is_refused_before_any_claim_is_checked()
    {
        // The rightful leader pads its block with 2,000 claims by made-up participants: refused on the count alone,
        // before the transactions root is hashed or any signature or proof looked at; the next view commits.
        var c = new Cluster(4) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var claims = c.Nodes[1].RankedClaims.ToList();
        var padding = Enumerable.Range(0, 2000).Select(i => AccuracyClaim.Create(Fixtures.Task, 1,
            NodeIdentity.FromSeed(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), claims[0].WeightsCommitment,
            16, claims[0].TestSamples, new byte[claims[0].Proof.Length]));
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, claims)!.Value;
        var padded = Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect, agg.GlobalSamples,
            c.Ids[1].Id, claims.Concat(padding), []);
        var proposal = new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, padded, c.Ids[1]));
        foreach (int to in new[] { 0, 2, 3 }) c.Deliver(to, proposal);
        c.AdvanceTo(5000);
        foreach (int honest in new[] { 0, 2, 3 })
        {
            Assert.DoesNotContain(c.VotesBy(honest), v => v.BlockHash == padded.Hash);
            Assert.Contains(c.Outputs[honest].SelectMany(o => o.RejectedProposals), r => r.Contains("more than the 4 participants"));
            Assert.True(OnlyCommit(c, honest).Claims.Count <= 4);
        }
    }

    [Fact]
    public void Proposal_from_anyone_but_the_rightful_leader_gets_no_prevote()
    {
        var c = new Cluster(4) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var claims = c.Nodes[2].RankedClaims;
        var agg = new SimAggregator(c.Store).Aggregate(c.Genesis.Header, 1, claims)!.Value;
        var usurper = Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect, agg.GlobalSamples, c.Ids[2].Id, claims, []);
        c.Broadcast(2, new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, usurper, c.Ids[2])));
        c.AdvanceTo(2499);
        Assert.DoesNotContain(c.VotesBy(0), v => v.BlockHash == usurper.Hash);
        Assert.Empty(c.Committed(0));
    }

    [Fact]
    public void Equivocating_leader_yields_evidence_that_is_committed_and_excludes_it_from_later_rounds()
    {
        var c = new Cluster(4) { Link = (from, _, m) => from != 1 || m is ClaimMessage };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        var claims = c.Nodes[1].RankedClaims;
        Block Variant(int v)
        {
            var agg = new SimAggregator(c.Store, v).Aggregate(c.Genesis.Header, 1, claims)!.Value;
            return Block.Assemble(Fixtures.Task, 1, c.Genesis.Hash, 0, agg.ModelCid, agg.ModelCommitment, agg.GlobalCorrect, agg.GlobalSamples, c.Ids[1].Id, claims, []);
        }
        var a = Proposal.Create(Fixtures.Task, 0, -1, Variant(0), c.Ids[1]);
        var b = Proposal.Create(Fixtures.Task, 0, -1, Variant(1), c.Ids[1]);
        for (int i = 0; i < 4; i++) c.Deliver(i, new ProposalMessage(a));
        for (int i = 0; i < 4; i++) c.Deliver(i, new ProposalMessage(b));
        c.AdvanceTo(1000);

        Assert.Equal(a.Block.Hash, OnlyCommit(c, 0).Hash);
        Assert.Single(c.VotesBy(0), v => v.Kind == VoteKind.Prevote && v.Height == 1 && v.View == 0);
        var evidence = Assert.Single(c.Nodes[0].PendingEvidence);
        Assert.Equal((EvidenceKind.Proposal, c.Ids[1].Id), (evidence.Kind, evidence.Offender));

        c.SubmitClaims(2, 70, 60, 80, 50);
        c.AdvanceTo(2000);
        var second = c.Committed(0).Last();
        Assert.Equal(2, second.Height);
        Assert.Equal(evidence.Id, Assert.Single(second.Evidence).Id);
        Assert.Contains(c.Ids[1].Id, c.Nodes[0].Chain.Excluded);

        c.SubmitClaims(3, 70, 99, 80, 60);
        c.AdvanceTo(3000);
        Assert.Contains(c.Outputs[0].SelectMany(o => o.Claims), v => v.Round == 3 && v.Participant == c.Ids[1].Id && v.Rejection == ClaimRejection.Excluded);
        var third = c.Committed(0).Last();
        Assert.Equal((3L, c.Ids[2].Id), (third.Height, third.Header.Leader));
        Assert.DoesNotContain(third.Claims, x => x.Participant == c.Ids[1].Id);
    }

    [Fact]
    public void Two_prevotes_by_one_validator_in_one_view_are_recorded_as_evidence()
    {
        var c = Round1(70, 90, 80, 60);
        var x = Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 0, Hash32.Sha256("x"u8), c.Ids[3]);
        var y = Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 0, Hash32.Sha256("y"u8), c.Ids[3]);
        c.Deliver(0, new VoteMessage(x));
        c.Deliver(0, new VoteMessage(y));
        var evidence = Assert.Single(c.Outputs[0].SelectMany(o => o.Evidence));
        Assert.Equal((EvidenceKind.Prevote, c.Ids[3].Id), (evidence.Kind, evidence.Offender));
        Assert.Null(evidence.Check(Fixtures.Task, c.Validators, Ed25519Verifier.Instance));
    }

    [Fact]
    public void Locked_validator_refuses_to_prevote_a_different_fresh_block()
    {
        byte[] other = Hash32.Sha256("some earlier block"u8).ToArray();
        var locked = new LastVote { PrevoteHeight = 1, PrevoteView = 0, PrevoteBlockHash = other, PrecommitHeight = 1, PrecommitView = 0, PrecommitBlockHash = other, LockedHeight = 1, LockedView = 0, LockedBlockHash = other };
        var c = new Cluster(4, lastVote: i => i == 0 ? locked : null);
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        Assert.Contains(c.Outputs[0].SelectMany(o => o.RejectedProposals), r => r.Contains("locked on"));
        Assert.DoesNotContain(c.VotesBy(0), v => v.Height == 1 && v.View == 0);
        Assert.Single(c.Committed(1));
    }

    [Fact]
    public void Lagging_node_catches_up_from_a_decision_message()
    {
        var c = new Cluster(4) { Link = (_, to, _) => to != 3 };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        Assert.Empty(c.Committed(3));
        var decision = c.Sent.Select(s => s.Message).OfType<DecisionMessage>().First();
        c.Deliver(3, decision);
        Assert.Equal(block.Hash, OnlyCommit(c, 3).Hash);
        Assert.Equal(2, c.Nodes[3].Height);
    }

    [Fact]
    public void Decision_without_a_quorum_certificate_is_ignored()
    {
        var c = new Cluster(4) { Link = (_, to, _) => to != 3 };
        c.Start();
        c.SubmitClaims(1, 70, 90, 80, 60);
        c.AdvanceTo(1000);
        var block = OnlyCommit(c, 0);
        var thin = block.WithCertificate(Fixtures.Certificate(block, c.Ids[..2]));
        c.Deliver(3, new DecisionMessage(thin));
        Assert.Empty(c.Committed(3));
        Assert.Equal(1, c.Nodes[3].Height);
    }

    [Fact]
    public void Messages_for_a_later_height_wait_until_the_node_gets_there()
    {
        var c = Round1(70, 90, 80, 60);
        var early = Fixtures.Claim(c.Ids[2], 2, 85);
        c.Deliver(0, new ClaimMessage(early));
        Assert.DoesNotContain(c.Outputs[0].SelectMany(o => o.Claims), v => v.ClaimId == early.Id);
        c.AdvanceTo(1000);
        Assert.Contains(c.Outputs[0].SelectMany(o => o.Claims), v => v.ClaimId == early.Id && v.Rejection == ClaimRejection.None);
        Assert.Contains(c.Nodes[0].RankedClaims, x => x.Id == early.Id);
    }

    [Fact]
    public void Node_must_be_a_validator_and_genesis_must_match_the_task()
    {
        var store = new InMemoryContentStore();
        var ids = Fixtures.Identities(4);
        var config = new ConsensusConfig { TaskId = Fixtures.Task, TestSamples = Fixtures.Samples };
        Assert.Throws<ArgumentException>(() => new ConsensusNode(config, Fixtures.Identity(40), Fixtures.Validators(ids), Fixtures.Genesis(store),
            Fixtures.ClaimVerifier, new SimAggregator(store), new SimAggregateChecker(store)));
        Assert.Throws<ArgumentException>(() => new ConsensusNode(config with { TaskId = Hash32.Sha256("x"u8) }, ids[0], Fixtures.Validators(ids), Fixtures.Genesis(store),
            Fixtures.ClaimVerifier, new SimAggregator(store), new SimAggregateChecker(store)));
    }
}
