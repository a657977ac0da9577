using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZkPot.Infra.Tests;

/// <summary>
/// A stand-in for Prometheus' /api/v1/query on 127.0.0.1: each query is recorded and answered by a function of its
/// text, so a test can decide which queries return series, none, or an error.
/// </summary>
public sealed class FakePrometheus : IDisposable
{
    /// <summary>An instant query's answer with one series.</summary>
    public static readonly (int Status, string Body) OneSeries =
        (200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}""");

    /// <summary>An instant query's answer with no series.</summary>
    public static readonly (int Status, string Body) NoSeries =
        (200, """{"status":"success","data":{"resultType":"vector","result":[]}}""");

    readonly HttpListener _listener = new();
    readonly Func<string, (int Status, string Body)> _answer;
    readonly Task _serving;

    /// <summary>Starts listening; <paramref name="answer"/> gives the status and JSON body for a query.</summary>
    public FakePrometheus(Func<string, (int Status, string Body)> answer)
    {
        _answer = answer;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    /// <summary>The base address to pass as --prometheus.</summary>
    public string Url { get; }

    /// <summary>Every query received, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            string query = context.Request.QueryString["query"] ?? "";
            Queries.Enqueue(query);
            var (status, body) = context.Request.Url!.AbsolutePath == "/api/v1/query" ? _answer(query) : (404, "");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Stop();
        _serving.Wait();
        _listener.Close();
    }
}
