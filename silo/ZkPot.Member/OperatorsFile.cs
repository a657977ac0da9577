using System.Net;
using System.Text.Json;

namespace ZkPot.Member;

/// <summary>How an operator reaches one member of its own: its name, its participant, its Orleans gateway and its storage account.</summary>
public sealed record MemberAccess(string Owner, string Participant, IPEndPoint Gateway, string StorageConnection)
{
    public string ClusterId => $"zkpot-{Owner}";
}

/// <summary>
/// The operators' side of a federation (private: it holds storage credentials), what setup and status use: for each
/// member, its gateway and storage account. Format: <c>{"members": [{"owner": "owner0", "participant": "owner0/p0",
/// "gateway": "127.0.0.1:30000", "storage": "DefaultEndpointsProtocol=..."}]}</c>. In a real federation each operator holds
/// only its own line, and setup runs with each operator's part (the local dev federation has one operator for all).
/// </summary>
public static class OperatorsFile
{
    public static IReadOnlyList<MemberAccess> Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"no operators file at {full}");
        var members = new List<MemberAccess>();
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(full));
            foreach (var m in json.RootElement.GetProperty("members").EnumerateArray())
            {
                string owner = m.GetProperty("owner").GetString() ?? "";
                string gateway = m.GetProperty("gateway").GetString() ?? "";
                if (!IPEndPoint.TryParse(gateway, out var endpoint) || endpoint.Port == 0)
                    throw new InvalidDataException($"member {owner}: gateway '{gateway}' is not IP:PORT");
                members.Add(new MemberAccess(owner, m.GetProperty("participant").GetString() ?? "", endpoint, m.GetProperty("storage").GetString() ?? ""));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"operators file {full}: {e.Message}", e);
        }
        if (members.Count == 0) throw new InvalidDataException($"operators file {full} lists no members");
        if (members.Any(m => m.Owner.Length == 0 || m.Participant.Length == 0 || m.StorageConnection.Length == 0))
            throw new InvalidDataException($"operators file {full}: every member needs an owner, a participant and a storage connection");
        return members;
    }
}
