// Uses only what nanoFramework.CoreLibrary 1.17.11 has, in the ways the firmware does, including
// the constructs the host compiler lowers differently (lock, string.Format, optional parameters,
// AutoResetEvent.Set, Type equality). The checker must report nothing located in Fixture.Clean.
using System;
using System.Collections;
using System.IO;
using System.Threading;

namespace Fixture.Clean
{
    public interface IListener
    {
        void OnChanged(object sender, int value);
    }

    [Flags]
    public enum Options
    {
        None = 0,
        Fast = 1,
        Safe = 2,
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class MarkerAttribute : Attribute
    {
    }

    public struct Point
    {
        public int X;
        public int Y;

        public Point(int x, int y)
        {
            X = x;
            Y = y;
        }
    }

    [Marker]
    public sealed class Everything : IDisposable
    {
        private static readonly byte[] Table = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
        private readonly object _sync = new object();
        private readonly ArrayList _listeners = new ArrayList();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private int _counter;
        private EventHandler _handlers;

        public int Property { get; set; }

        public void Add(IListener listener)
        {
            lock (_sync)
            {
                _listeners.Add(listener);
            }
        }

        public void Notify(int value)
        {
            foreach (IListener listener in _listeners)
            {
                listener.OnChanged(this, value);
            }

            Interlocked.Increment(ref _counter);
            _signal.Set();
            _signal.WaitOne(10, false);
        }

        public void Subscribe(EventHandler handler)
        {
            _handlers += handler;
            _handlers -= handler;
        }

        public string Describe(int number, string name, char c, Options options)
        {
            string text = $"{name}={number,4:X} ({options})" + c + name + c;
            text = string.Format("{0}:{1}", text, number) + number.ToString() + c.ToString();
            text = text.PadLeft(4) + name.Trim().Substring(0, 1) + options.ToString();
            if (options.HasFlag(Options.Fast) && name.IndexOf('x') < 0 && !string.IsNullOrEmpty(name))
            {
                text = text.ToUpper();
            }

            string[] parts = text.Split(new[] { ',', ';' });
            return parts.Length + text + Convert.ToInt32("12") + BitConverter.GetBytes(number).Length;
        }

        public int Classify(string command)
        {
            switch (command)
            {
                case "get": return 1;
                case "set": return 2;
                case "list": return 3;
                case "reset": return 4;
                case "status": return 5;
                case "help": return 6;
                case "version": return 7;
                case "quit": return 8;
                default: return Table[0];
            }
        }

        public bool SameType(object value) => value.GetType() == typeof(Everything) || ReferenceEquals(value, this);

        public int Guarded(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            try
            {
                Array.Copy(Table, buffer, 4);
                return buffer[0];
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException(ex.Message, ex);
            }
            finally
            {
                _counter = 0;
            }
        }

        public void Threads()
        {
            int captured = _counter;
            var thread = new Thread(() => _counter = captured + 1);
            thread.Start();
            thread.Join(100);
            Action action = () => Thread.Sleep(1);
            action();
            using (var timer = new Timer(OnTimer, null, 0, Timeout.Infinite))
            {
                timer.Change(new TimeSpan(0, 0, 1), TimeSpan.Zero);
            }

            var point = new Point(1, 2);
            Property = point.X + point.Y + (int)new TimeSpan(0, 0, 2).TotalMilliseconds;
        }

        public void Dispose()
        {
            _signal.Reset();
        }

        private void OnTimer(object state)
        {
            _counter++;
        }
    }
}
