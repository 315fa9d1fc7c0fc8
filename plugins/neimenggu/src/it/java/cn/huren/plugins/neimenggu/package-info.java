/**
 * The Inner Mongolia plugin's integration tests: the real server with the plugin jars (module plugins/neimenggu/it,
 * docs/plugins.md "Testing a plugin"). Tests here are named *Test and name the rules they prove.
 */
package cn.huren.plugins.neimenggu;
