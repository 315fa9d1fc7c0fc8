package cn.huren.bench; public class OnboardingBench { public static void main(String[] a) {} }
