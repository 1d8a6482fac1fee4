using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DeviceFirmware.Tests.Host.Integration.Infrastructure;

/// <summary>
/// A loopback TCP relay between a client and the broker that can hold back traffic in either
/// direction and cut every connection, while the broker itself keeps running (and keeps its
/// sessions). Used to lose a connection at an exact point of a QoS handshake: e.g. the broker has
/// the PUBLISH and has answered, but the answer never reaches the client.
/// </summary>
public sealed class TcpFaultProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly object _sync = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _pairs = new();
    private readonly ManualResetEventSlim _toBrokerOpen = new(true);
    private readonly ManualResetEventSlim _toClientOpen = new(true);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts relaying a free loopback port to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Number of connections relayed so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Holds (true) or releases (false) bytes going from clients to the broker.</summary>
    public void HoldToBroker(bool hold) => Set(_toBrokerOpen, !hold);

    /// <summary>Holds (true) or releases (false) bytes going from the broker to clients.</summary>
    public void HoldToClient(bool hold) => Set(_toClientOpen, !hold);

    /// <summary>Closes every relayed connection on both sides; held bytes are dropped.</summary>
    public void DropAll()
    {
        lock (_sync)
        {
            foreach ((TcpClient client, TcpClient server) in _pairs)
            {
                try
                {
                    // Linger 0: an RST, so the client sees the loss at once, as after a crash.
                    client.Client?.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Linger, new LingerOption(true, 0));
                }
                catch (ObjectDisposedException)
                {
                    // The pump already closed it.
                }
                catch (SocketException)
                {
                }

                client.Close();
                server.Close();
            }

            _pairs.Clear();
        }
    }

    /// <summary>Stops listening and drops everything.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _toBrokerOpen.Set();
        _toClientOpen.Set();
        DropAll();
    }

    private static void Set(ManualResetEventSlim gate, bool open)
    {
        if (open)
        {
            gate.Set();
        }
        else
        {
            gate.Reset();
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_targetHost, _targetPort);
            }
            catch (SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            client.NoDelay = true;
            server.NoDelay = true;
            lock (_sync)
            {
                _pairs.Add((client, server));
                Accepted++;
            }

            _ = Pump(client, server, _toBrokerOpen);
            _ = Pump(server, client, _toClientOpen);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to, ManualResetEventSlim gate)
    {
        var buffer = new byte[16384];
        try
        {
            NetworkStream input = from.GetStream();
            NetworkStream output = to.GetStream();
            while (true)
            {
                int n = await input.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                // The gate is checked after the read, so bytes already on their way when a hold
                // starts are held too.
                await Task.Run(() => gate.Wait(_stop.Token));
                await output.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception)
        {
            // Closed by DropAll or the peer: the relay simply ends.
        }

        from.Close();
        to.Close();
        lock (_sync)
        {
            _pairs.RemoveAll(p => p.Client == from || p.Client == to);
        }
    }
}
