using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class ChainVerifierTests : IDisposable
{
    static readonly NodeIdentity[] Ids = Fixtures.Identities(4);
    static readonly ValidatorSet Validators = Fixtures.Validators(Ids);
    readonly string _dir = Path.Combine(Path.GetTempPath(), "zkpot-chain-" + Guid.NewGuid().ToString("N"));

    ChainFiles Files()
    {
        Directory.CreateDirectory(_dir);
        return new ChainFiles(_dir);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Genesis and three certified blocks; block 2 records a double vote by node 3.</summary>
    static readonly GenesisRecord Record = Fixtures.Record(Validators);

    static List<Block> Chain()
    {
        var chain = new List<Block> { Fixtures.Genesis(new InMemoryContentStore(), Record) };
        for (int h = 1; h <= 3; h++)
        {
            var claims = Ids.Select((id, i) => Fixtures.Claim(id, h, 60 + 5 * i + h)).ToList();
            var evidence = h == 2 ? new[] { Fixtures.DoubleVote(Ids[3], 1) } : [];
            var signers = h == 3 ? Ids[..3] : Ids;
            chain.Add(Fixtures.Certified(chain[^1], h == 3 ? claims[..3] : claims, evidence, Ids[2].Id, signers));
        }
        return chain;
    }

    static ChainVerdict Verify(IReadOnlyList<Block> chain) => ChainVerifier.Verify(chain, Validators, Fixtures.ClaimVerifier);

    [Fact]
    public void A_sound_chain_verifies()
    {
        var verdict = Verify(Chain());
        Assert.True(verdict.Ok, verdict.Problem);
        Assert.Equal(4, verdict.BlocksChecked);
    }

    [Fact]
    public void Broken_hash_link_is_reported_at_its_height()
    {
        var chain = Chain();
        chain[2] = Fixtures.Certified(chain[0], chain[2].Claims.Select(c => c), [], Ids[2].Id, Ids);
        var verdict = Verify(chain);
        Assert.Equal(2, verdict.BadHeight);
    }

    /// <summary>A block certified by a colluding quorum, carrying fewer claims than a quorum (the leader chose its set).</summary>
    [Fact]
    public void A_certified_block_with_fewer_than_a_quorum_of_claims_is_reported()
    {
        var chain = Chain();
        chain[3] = Fixtures.Certified(chain[2], chain[3].Claims.Where(c => c.Participant == Ids[2].Id), [], Ids[2].Id, Ids);
        var verdict = Verify(chain);
        Assert.Equal(3, verdict.BadHeight);
        Assert.Contains("fewer than the quorum", verdict.Problem);
    }

    sealed class RefusingAggregates : Consensus.IProofVerifier
    {
        public string Scheme => "test";
        public bool Verify(AccuracyClaim claim) => true;
        public string? CheckAggregateCommitment(BlockHeader header, IReadOnlyList<AccuracyClaim> included) =>
            header.Height == 2 ? $"height 2 commitment is not the sum of {included.Count} claims" : null;
    }

    /// <summary>The proof scheme's aggregate check runs on every block, with the included claims.</summary>
    [Fact]
    public void The_schemes_aggregate_check_is_applied_to_each_block()
    {
        var verdict = ChainVerifier.Verify(Chain(), Validators, Fixtures.ClaimVerifier, proofs: new RefusingAggregates());
        Assert.Equal(2, verdict.BadHeight);
        Assert.Contains("aggregate: height 2 commitment is not the sum of 4 claims", verdict.Problem);
    }

    [Fact]
    public void Certificate_below_quorum_is_reported()
    {
        var chain = Chain();
        chain[1] = chain[1].WithCertificate(Fixtures.Certificate(chain[1], Ids[..2]));
        var verdict = Verify(chain);
        Assert.Equal(1, verdict.BadHeight);
        Assert.Contains("quorum certificate", verdict.Problem);
    }

    [Fact]
    public void Body_that_does_not_match_the_merkle_root_is_reported()
    {
        var chain = Chain();
        chain[3] = new Block(chain[3].Header, chain[3].Claims.Take(2).ToList(), [], chain[3].Certificate);
        Assert.Contains("transactions root", Verify(chain).Problem);
    }

    [Fact]
    public void Claim_with_a_bad_proof_is_reported_even_under_a_valid_certificate()
    {
        var chain = Chain();
        var c = chain[2].Claims[0];
        var inflated = AccuracyClaim.Create(c.TaskId, 2, Ids.First(i => i.Id == c.Participant), c.WeightsCommitment, c.CorrectCount + 1, c.TestSamples, c.Proof);
        chain[2] = Fixtures.Certified(chain[1], [inflated, .. chain[2].Claims.Skip(1)], chain[2].Evidence, Ids[2].Id, Ids);
        chain[3] = Fixtures.Certified(chain[2], chain[3].Claims, [], Ids[2].Id, Ids);
        var verdict = Verify(chain);
        Assert.Equal(2, verdict.BadHeight);
        Assert.Contains("BadProof", verdict.Problem);
    }

    [Fact]
    public void Claim_of_an_excluded_participant_is_reported()
    {
        var chain = Chain();
        chain[3] = Fixtures.Certified(chain[2], Ids.Select((id, i) => Fixtures.Claim(id, 3, 70 + i)), [], Ids[2].Id, Ids);
        var verdict = Verify(chain);
        Assert.Equal(3, verdict.BadHeight);
        Assert.Contains("Excluded", verdict.Problem);
    }

    [Fact]
    public void Evidence_recorded_twice_is_reported()
    {
        var chain = Chain();
        chain[3] = Fixtures.Certified(chain[2], chain[3].Claims, [Fixtures.DoubleVote(Ids[3], 1)], Ids[2].Id, Ids);
        Assert.Contains("recorded twice", Verify(chain).Problem);
    }

    [Fact]
    public void Leader_without_a_claim_in_its_block_is_reported()
    {
        var chain = Chain();
        chain[1] = Fixtures.Certified(chain[0], chain[1].Claims.Where(c => c.Participant != Ids[2].Id), [], Ids[2].Id, Ids);
        chain.RemoveRange(2, 2);
        Assert.Contains("has no included claim", Verify(chain).Problem);
    }

    [Fact]
    public void Undecodable_block_bytes_are_reported_as_that_block()
    {
        var encoded = Chain().Select(b => b.Encode()).ToList();
        encoded[2] = encoded[2][..100];
        var verdict = ChainVerifier.Verify(encoded, Validators, Fixtures.ClaimVerifier);
        Assert.Equal(2, verdict.BadHeight);
        Assert.Contains("malformed", verdict.Problem);
    }

    [Fact]
    public void Exported_directory_loads_back_and_verifies_from_its_anchored_genesis_record()
    {
        var chain = Chain();
        ChainDirectory.Export(_dir, chain, Record.Encode());
        Assert.True(File.Exists(Path.Combine(_dir, "block-00000003.bin")));
        var loaded = ChainDirectory.Load(_dir);
        Assert.Null(loaded.AnchorProblem(chain[0].Hash));
        Assert.Equal((Record.Hash, StandInProofVerifier.SchemeName, 4), (GenesisRecord.Decode(loaded.GenesisBytes, "genesis.json").Hash, loaded.Genesis.ProofScheme, loaded.Blocks.Count));
        var proofs = ProofVerifierRegistry.WithBuiltIns().Create(loaded.Genesis.ProofScheme, loaded.Genesis.ProofParameters, loaded.Files);
        var verdict = ChainVerifier.Verify(loaded.Blocks, loaded.Genesis.Validators, new Consensus.ClaimVerifier(proofs), expectedGenesis: chain[0].Hash);
        Assert.True(verdict.Ok, verdict.Problem);
    }

    [Fact]
    public void A_genesis_record_that_is_not_the_committed_one_is_refused_by_the_anchor()
    {
        var chain = Chain();
        ChainDirectory.Export(_dir, chain, Record.Encode());
        // The attack: keep the blocks, swap in a record with the attacker's own validators (one key replaced).
        var attacker = Fixtures.Identity(99);
        var swapped = Fixtures.Record(new ValidatorSet(Ids[..3].Select(i => i.Public).Append(attacker.Public)));
        File.WriteAllBytes(Path.Combine(_dir, GenesisRecord.FileName), swapped.Encode());
        var loaded = ChainDirectory.Load(_dir);
        Assert.Contains("is not the record the genesis block commits to", loaded.AnchorProblem(chain[0].Hash));
        // Where the defence is absent (trusting the record as given), the swapped set is what a verifier would use.
        Assert.Contains(loaded.Genesis.Validators.Members, v => v.Id == attacker.Id);
        // Another genesis (a whole chain the attacker made) is refused by its hash.
        Assert.Contains("not the trusted", loaded.AnchorProblem(Hash32.Sha256("another genesis"u8)));
    }

    [Fact]
    public void The_genesis_record_round_trips_and_rejects_what_it_cannot_read()
    {
        var bytes = Record.Encode();
        var back = GenesisRecord.Decode(bytes, "genesis.json");
        Assert.Equal(bytes, back.Encode());
        Assert.Equal(Record.Validators.Members.Select(v => v.Id), back.Validators.Members.Select(v => v.Id));
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Throws<InvalidDataException>(() => GenesisRecord.Decode(System.Text.Encoding.UTF8.GetBytes(text.Replace(GenesisRecord.Format, "zkpot-genesis/v0")), "g"));
        Assert.Throws<InvalidDataException>(() => GenesisRecord.Decode(System.Text.Encoding.UTF8.GetBytes(text.Replace(Ids[0].Id.ToString(), Ids[1].Id.ToString())), "g"));
        Assert.Throws<InvalidDataException>(() => GenesisRecord.Decode("{ not json"u8, "g"));
    }

    [Fact]
    public void Chain_files_are_read_only_inside_the_directory_and_checked_against_their_committed_hash()
    {
        ChainDirectory.Export(_dir, Chain(), Record.Encode());
        string outsideDir = Directory.CreateTempSubdirectory("zkpot-outside-").FullName;
        string outside = Path.Combine(outsideDir, "secret.json");
        File.WriteAllText(outside, "{}");
        try
        {
            var files = new ChainFiles(_dir);
            string relative = Path.GetRelativePath(_dir, outside);
            Assert.Contains("outside", Assert.Throws<InvalidDataException>(() => files.Read(relative, "key")).Message);
            Assert.Contains("absolute", Assert.Throws<InvalidDataException>(() => files.Read(outside, "key")).Message);
            File.CreateSymbolicLink(Path.Combine(_dir, "link.json"), outside);
            Assert.Contains("symbolic link", Assert.Throws<InvalidDataException>(() => files.Read("link.json", "key")).Message);
            Directory.CreateSymbolicLink(Path.Combine(_dir, "sub"), outsideDir);
            Assert.Contains("symbolic link", Assert.Throws<InvalidDataException>(() => files.Read("sub/secret.json", "key")).Message);
            // A link whose target is another link inside the directory that leads out (found by review): refused too.
            Directory.CreateSymbolicLink(Path.Combine(_dir, "evil"), "sub");
            File.CreateSymbolicLink(Path.Combine(_dir, "block.bin"), "evil/secret.json");
            Assert.Contains("symbolic link", Assert.Throws<InvalidDataException>(() => files.Read("block.bin", "block")).Message);

            File.WriteAllText(Path.Combine(_dir, "key.json"), "{}");
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{}"u8));
            Assert.Equal("{}"u8.ToArray(), files.ReadCommitted(new Dictionary<string, string> { ["key"] = "key.json", ["key_sha256"] = hash }, "key", "key"));
            Assert.Throws<CommittedFileMismatchException>(() => files.ReadCommitted(new Dictionary<string, string> { ["key"] = "key.json", ["key_sha256"] = new string('0', 64) }, "key", "key"));
            Assert.Throws<InvalidDataException>(() => files.ReadCommitted(new Dictionary<string, string> { ["key"] = "key.json" }, "key", "key"));
        }
        finally { Directory.Delete(outsideDir, recursive: true); }
    }

    [Fact]
    public void Verifying_with_another_proof_key_fails_at_the_first_claim()
    {
        var chain = Chain();
        var wrongKey = new Consensus.ClaimVerifier(new StandInProofVerifier(new byte[32]));
        var verdict = ChainVerifier.Verify(chain, Validators, wrongKey);
        Assert.Equal(1, verdict.BadHeight);
        Assert.Contains("BadProof", verdict.Problem);
    }

    [Fact]
    public void Unreadable_directories_throw_instead_of_reporting_a_block()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ChainDirectory.Load(_dir));
        Assert.Throws<ArgumentException>(() => ChainDirectory.Export(_dir, Chain(), Fixtures.Record(Validators, parameters: new Dictionary<string, string>()).Encode()));
        ChainDirectory.Export(_dir, Chain(), Record.Encode());
        File.Delete(Path.Combine(_dir, "block-00000002.bin"));
        Assert.Throws<FileNotFoundException>(() => ChainDirectory.Load(_dir));
        File.WriteAllText(Path.Combine(_dir, ChainDirectory.ManifestFile), "{ not json");
        Assert.Throws<InvalidDataException>(() => ChainDirectory.Load(_dir));
    }

    [Fact]
    public void Unknown_proof_scheme_is_refused_with_the_known_ones_listed()
    {
        var e = Assert.Throws<InvalidDataException>(() => ProofVerifierRegistry.WithBuiltIns().Create("groth16-bn254/v1", new Dictionary<string, string>(), Files()));
        Assert.Contains(StandInProofVerifier.SchemeName, e.Message);
    }

    [Fact]
    public void A_registered_scheme_is_used()
    {
        var registry = ProofVerifierRegistry.WithBuiltIns();
        registry.Register("test/v1", (_, _) => Fixtures.Proofs);
        Assert.Same(Fixtures.Proofs, registry.Create("test/v1", new Dictionary<string, string>(), Files()));
        Assert.Throws<ArgumentException>(() => registry.Register("test/v1", (_, _) => Fixtures.Proofs));
    }
}
