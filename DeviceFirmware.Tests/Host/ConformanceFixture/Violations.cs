// Each class below holds exactly one construct nanoFramework 1.x cannot run (sometimes with the
// references it drags in). CheckerSelfTests names the class and the violation it must produce.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Fixture.Violations
{
    public class GenericList
    {
        private readonly List<int> _items = new List<int>();

        public void Add(int value) => _items.Add(value);
    }

    public class FieldLikeEvent
    {
        public event EventHandler Changed;
    }

    public class MultiDimensionalArray
    {
        public int Corner()
        {
            int[,] grid = new int[2, 3];
            grid[1, 2] = 5;
            return grid[1, 2];
        }
    }

    public enum Color
    {
        Red,
        Green,
    }

    public class EnumGetValues
    {
        public int Count() => Enum.GetValues(typeof(Color)).Length;
    }

    public class EnumIsDefined
    {
        public bool Valid(int value) => Enum.IsDefined(typeof(Color), value);
    }

    public class EnumGetNames
    {
        public string[] Names() => Enum.GetNames(typeof(Color));
    }

    public class StringJoinEnumerable
    {
        public string Join(List<string> parts) => string.Join(",", (IEnumerable<string>)parts);
    }

    public class StringJoinArray
    {
        public string Join(string[] parts) => string.Join(",", parts);
    }

    public class ParamsWithoutArguments
    {
        public static int Count(params object[] values) => values.Length;

        public int None() => Count();
    }

    public class ExplicitSpan
    {
        public int Length(string text)
        {
            ReadOnlySpan<char> span = text;
            return span.Length;
        }
    }

    public class SpanArrayInitializer
    {
        public byte First()
        {
            ReadOnlySpan<byte> data = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
            return data[0];
        }
    }

    public unsafe class Stackalloc
    {
        public int Sum()
        {
            byte* buffer = stackalloc byte[16];
            buffer[0] = 1;
            return buffer[0];
        }
    }

    public unsafe class FunctionPointer
    {
        private static void Target(int value)
        {
        }

        public void Call()
        {
            delegate*<int, void> pointer = &Target;
            pointer(1);
        }
    }

    public class AsyncMethod
    {
        public async Task<int> Later()
        {
            await Task.Yield();
            return 1;
        }
    }

    public class Iterator
    {
        public IEnumerable Items()
        {
            yield return 1;
        }
    }

    public class GenericBox<T>
    {
        public T Value;
    }

    public class GenericMethod
    {
        public static T Same<T>(T value) => value;
    }

    public class NullableInt
    {
        public int? Maybe;
    }

    public class UsesStringBuilder
    {
        public string Build() => new StringBuilder().Append('x').ToString();
    }

    public class UsesMath
    {
        public int Larger(int a, int b) => Math.Max(a, b);
    }

    public class WaitOneWithTimeout
    {
        public bool Wait(AutoResetEvent signal) => signal.WaitOne(100);
    }

    public class PInvoke
    {
        [DllImport("libc")]
        public static extern int getpid();
    }

    public class CatchOnly
    {
        public int Guarded()
        {
            try
            {
                return 1;
            }
            catch (System.IO.FileNotFoundException)
            {
                return 0;
            }
        }
    }

    public class Tuple
    {
        public (int, int) Pair() => (1, 2);
    }

    public class VolatileField
    {
        private volatile int _flag;

        public int Flag => _flag;
    }

    public record RecordType(int X);

    public class GenericDelegate
    {
        public Func<int> Make(int value) => () => value;
    }
}
