// Signatures mirror nanoframework/nanoFramework.TestFramework source/TestFramework/Assert.cs
// (IsTrue, IsFalse, IsNull, IsNotNull, AreSame, AreNotSame, ThrowsException, Contains, StartsWith,
// EndsWith, SkipTest) and Assert.AreEqual.cs / Assert.AreNotEqual.cs (one overload per primitive).
using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions with the nanoFramework.TestFramework signatures.</summary>
    public sealed class Assert
    {
        private Assert()
        {
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the objects are equal.</summary>
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the strings are equal (ordinal).</summary>
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
            }
        }

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "") => Equal(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails if the strings are equal.</summary>
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails if the objects are equal.</summary>
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "") => NotEqual(notExpected, actual, message);

        /// <summary>Fails unless both refer to the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", message);
            }
        }

        /// <summary>Fails if both refer to the same object.</summary>
        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", message);
            }
        }

        /// <summary>Fails unless the condition is true.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", message);
            }
        }

        /// <summary>Fails unless the condition is false.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", message);
            }
        }

        /// <summary>Fails unless the value is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value is not null)
            {
                Fail("Assert.IsNull", message);
            }
        }

        /// <summary>Fails if the value is null.</summary>
        public static void IsNotNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value is null)
            {
                Fail("Assert.IsNotNull", message);
            }
        }

        /// <summary>Fails unless the action throws an exception of exactly the given type.</summary>
        public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression("action")] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exceptionType)
                {
                    Fail("Assert.ThrowsException", $"Threw exception {ex.GetType()}, but exception {exceptionType} was expected. {message}");
                }

                return;
            }

            Fail("Assert.ThrowsException", $"No exception thrown. {exceptionType} exception was expected. {message}");
        }

        /// <summary>Fails unless <paramref name="other"/> contains <paramref name="expected"/>.</summary>
        public static void Contains(string expected, string other, string message = "")
        {
            if (other == null || expected == null || other.IndexOf(expected, StringComparison.Ordinal) < 0)
            {
                Fail("Assert.Contains", $"{Show(other)} does not contain {Show(expected)}. {message}");
            }
        }

        /// <summary>Fails unless <paramref name="other"/> starts with <paramref name="expected"/>.</summary>
        public static void StartsWith(string expected, string other, string message = "")
        {
            if (other == null || expected == null || !other.StartsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.StartsWith", $"{Show(other)} does not start with {Show(expected)}. {message}");
            }
        }

        /// <summary>Fails unless <paramref name="other"/> ends with <paramref name="expected"/>.</summary>
        public static void EndsWith(string expected, string other, string message = "")
        {
            if (other == null || expected == null || !other.EndsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.EndsWith", $"{Show(other)} does not end with {Show(expected)}. {message}");
            }
        }

        private static void Equal(object expected, object actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
            }
        }

        private static void NotEqual(object notExpected, object actual, string message)
        {
            if (Equals(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
            }
        }

        internal static string Show(object value) => value == null ? "(null)" : value.ToString();

        internal static void Fail(string assertion, string message) => throw new AssertFailedException($"{assertion} failed. {message}");
    }
}
