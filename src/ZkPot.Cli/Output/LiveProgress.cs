using System.Text;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Output;

/// <summary>
/// Shows <see cref="SimulationProgress"/> notices as they come: the phase, how far it is, what just happened, the last
/// round's accepted provers and rejected claims with their reasons, and the time since the start. On a terminal it is
/// one block of lines redrawn in place (and every second, for the clock); otherwise each notice is one plain line.
/// Notices are shown on the reporting thread, in order; pass this object itself as the IProgress (not a Progress&lt;T&gt;
/// around it, which would post them to the thread pool).
/// </summary>
public sealed class LiveProgress : IProgress<SimulationProgress>, IDisposable
{
    const string Escape = "\u001b[";
    const int BarWidth = 20;

    readonly TextWriter _output;
    readonly Terminal _terminal;
    readonly TimeProvider _clock;
    readonly long _started;
    readonly ITimer? _tick;
    readonly Lock _gate = new();
    SimulationProgress? _current;
    SimulationProgress? _verdicts;
    int _linesDrawn;
    bool _closed;

    public LiveProgress(TextWriter output, Terminal terminal, TimeProvider? clock = null)
    {
        _output = output;
        _terminal = terminal;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        if (terminal.Interactive) _tick = _clock.CreateTimer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Report(SimulationProgress value)
    {
        lock (_gate)
        {
            if (_closed) return;
            _current = value;
            if (value.Proved is { Count: > 0 } || value.Rejected is { Count: > 0 }) _verdicts = value;
            if (_terminal.Interactive) Draw();
            else _output.WriteLine($"[{Clock()}] {value.Phase} ({value.Done}/{value.Total}): {value.Message}{Verdicts(value, "; ")}");
        }
    }

    /// <summary>Stops the clock; on a terminal the block stays with its last state, and what is printed next goes below it.</summary>
    public void Dispose()
    {
        _tick?.Dispose();
        lock (_gate)
        {
            if (_closed) return;
            if (_terminal.Interactive && _current is not null) Draw();
            _closed = true;
        }
        _output.Flush();
    }

    void Redraw()
    {
        lock (_gate)
            if (!_closed && _current is not null) Draw();
    }

    /// <summary>Replaces the block drawn last time: the cursor goes back up over it, clears to the end of the screen, writes the new one.</summary>
    void Draw()
    {
        var p = _current!.Value;
        var lines = new List<string> { $"{p.Phase}  {Bar(p.Done, p.Total)} {p.Done}/{p.Total}  {Clock()}", "  " + p.Message };
        if (_verdicts is { } v)
        {
            lines.Add($"  {v.Phase} proved: {(v.Proved is { Count: > 0 } proved ? string.Join(", ", proved) : "nobody")}");
            if (v.Rejected is { Count: > 0 } rejected) lines.Add($"  {v.Phase} rejected: {string.Join(", ", rejected.Select(r => $"{r.Participant} ({r.Reason})"))}");
        }
        var block = new StringBuilder();
        if (_linesDrawn > 0) block.Append(Escape).Append(_linesDrawn).Append('A').Append('\r').Append(Escape).Append('J');
        foreach (string line in lines) block.Append(Fit(line)).Append('\n');
        _output.Write(block.ToString());
        _output.Flush();
        _linesDrawn = lines.Count;
    }

    /// <summary>A line cut to the terminal's width (less one column), so that no line wraps and the cursor arithmetic holds.</summary>
    string Fit(string line) => line.Length < _terminal.Width ? line : line[..Math.Max(0, _terminal.Width - 2)] + "~";

    static string Bar(int done, int total)
    {
        int filled = total <= 0 ? 0 : Math.Clamp(done * BarWidth / total, 0, BarWidth);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }

    static string Verdicts(SimulationProgress p, string separator)
    {
        var parts = new List<string>();
        if (p.Proved is { Count: > 0 } proved) parts.Add("proved: " + string.Join(", ", proved));
        if (p.Rejected is { Count: > 0 } rejected) parts.Add("rejected: " + string.Join(", ", rejected.Select(r => $"{r.Participant} ({r.Reason})")));
        return parts.Count == 0 ? "" : separator + string.Join(separator, parts);
    }

    string Clock()
    {
        var elapsed = _clock.GetElapsedTime(_started);
        return elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
