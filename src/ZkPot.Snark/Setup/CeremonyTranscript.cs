using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The public record of how a task's proving key was made, which the chain's genesis block commits to (by SHA-256 of
/// its JSON): where phase 1 came from, every accepted contribution (who, its hash, the content id of the file it
/// produced), every rejected one with the check it failed, the beacon, and the final key. With the files it names,
/// anyone re-verifies the key from scratch: <c>zkpot ptau verify</c> on the prepared file, <c>zkpot zkey verify
/// --ptau</c> on the key.
/// </summary>
public sealed class CeremonyTranscript
{
    public const string Format = "zkpot-setup/v1";

    /// <summary>Phase 1 run among the task's members.</summary>
    public const string MembersSource = "members";

    /// <summary>Phase 1 taken from a public prepared .ptau (a perpetual powers-of-tau file).</summary>
    public const string PublicSource = "public-ptau";

    /// <summary>UNSAFE: every secret drawn in one process (<c>--dev-setup</c>).</summary>
    public const string DevelopmentSource = "development";

    [JsonPropertyName("format")] public string FormatName { get; set; } = Format;
    [JsonPropertyName("task_id")] public string TaskId { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = MembersSource;
    [JsonPropertyName("power")] public int Power { get; set; }
    [JsonPropertyName("phase1")] public List<TranscriptContribution> Phase1 { get; set; } = [];
    [JsonPropertyName("beacon")] public TranscriptBeacon? Beacon { get; set; }
    [JsonPropertyName("prepared_ptau")] public TranscriptFile? PreparedPtau { get; set; }
    [JsonPropertyName("phase2")] public List<TranscriptContribution> Phase2 { get; set; } = [];
    [JsonPropertyName("rejected")] public List<TranscriptRejection> Rejected { get; set; } = [];
    [JsonPropertyName("zkey")] public TranscriptFile? Zkey { get; set; }
    [JsonPropertyName("verification_key_sha256")] public string VerificationKeySha256 { get; set; } = "";

    [JsonIgnore] public bool IsDevelopment => Source == DevelopmentSource;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, CeremonyTranscriptJson.Default.CeremonyTranscript);

    public static CeremonyTranscript FromJson(ReadOnlySpan<byte> json)
    {
        CeremonyTranscript? transcript;
        try
        {
            transcript = JsonSerializer.Deserialize(json, CeremonyTranscriptJson.Default.CeremonyTranscript);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"setup transcript: not valid JSON ({e.Message})");
        }
        if (transcript is null || transcript.FormatName != Format)
            throw new InvalidDataException($"setup transcript: format must be {Format}");
        if (transcript.Source is not (MembersSource or PublicSource or DevelopmentSource))
            throw new InvalidDataException($"setup transcript: unknown source '{transcript.Source}'");
        return transcript;
    }

    /// <summary>SHA-256 of the file's bytes: what the genesis block records.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> json) => SHA256.HashData(json);

    /// <summary>One line for people: where the key came from.</summary>
    public string Summary() => Source switch
    {
        DevelopmentSource => "DEVELOPMENT KEY (--dev-setup): every secret was drawn in one process; proofs under it prove nothing to anyone else",
        PublicSource => $"phase 1 from a public prepared ptau (power {Power}, {Phase1.Count} recorded contributions); phase 2: {Phase2.Count} contributions" + Rejections(),
        _ => $"phase 1 among members (power {Power}): {Phase1.Count} contributions{(Beacon is null ? "" : " and a beacon")}; phase 2: {Phase2.Count} contributions" + Rejections(),
    };

    string Rejections() => Rejected.Count == 0 ? "" : $"; {Rejected.Count} rejected";
}

/// <summary>An accepted contribution: who, the name it carries, its hash (response hash or snarkjs's contribution hash), the file it produced.</summary>
public sealed record TranscriptContribution(
    [property: JsonPropertyName("contributor")] string Contributor,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("cid")] string Cid);

/// <summary>The random beacon that closed phase 1: its public value and 2^exponent SHA-256 iterations.</summary>
public sealed record TranscriptBeacon(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("iterations_exponent")] int IterationsExponent,
    [property: JsonPropertyName("hash")] string Hash);

/// <summary>A file the ceremony produced: its content id and SHA-256.</summary>
public sealed record TranscriptFile(
    [property: JsonPropertyName("cid")] string Cid,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>A contribution the coordinator refused, and the check it failed.</summary>
public sealed record TranscriptRejection(
    [property: JsonPropertyName("phase")] int Phase,
    [property: JsonPropertyName("contributor")] string Contributor,
    [property: JsonPropertyName("check")] string Check);

/// <summary>Source-generated serialization (the NativeAOT CLI reads transcripts without reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CeremonyTranscript))]
internal sealed partial class CeremonyTranscriptJson : JsonSerializerContext;
