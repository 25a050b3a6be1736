<?php
/**
 * Plugin Name: py-async-run
 * Description: Runnable async Python in posts: [py-async-run]…[/py-async-run] becomes a <py-async-run> element.
 * Version: 0.1.0
 * Requires at least: 6.5
 *
 * Install: put this file in wp-content/plugins/py-async-run/, the built bundle (the contents of dist/) in
 * wp-content/plugins/py-async-run/dist/, and activate the plugin. Then write, in any post:
 *
 *     [py-async-run autorun timeout="10"]
 *     import asyncio
 *     ...
 *     [/py-async-run]
 *
 * Attributes: autorun, no-tips (flags), timeout, preload (values), as on the element.
 */

defined( 'ABSPATH' ) || exit;

// wptexturize would curl the program's quotes and turn " - " into a dash: a program is not prose.
add_filter(
	'no_texturize_shortcodes',
	function ( $shortcodes ) {
		$shortcodes[] = 'py-async-run';
		return $shortcodes;
	}
);

add_shortcode(
	'py-async-run',
	function ( $atts, $content = '' ) {
		// Loaded only on pages that use the shortcode; WordPress prints modules in the footer from here.
		wp_enqueue_script_module( 'py-async-run', plugins_url( 'dist/py-async-run.js', __FILE__ ), array(), '0.1.0' );
		$atts = (array) $atts;
		$html = '<py-async-run';
		foreach ( array( 'autorun', 'no-tips' ) as $flag ) {
			// [py-async-run autorun] gives $atts[0] = 'autorun'; autorun="true" works too.
			if ( in_array( $flag, $atts, true ) || ( isset( $atts[ $flag ] ) && 'false' !== $atts[ $flag ] ) ) {
				$html .= ' ' . $flag;
			}
		}
		foreach ( array( 'timeout', 'preload' ) as $name ) {
			if ( isset( $atts[ $name ] ) ) {
				$html .= sprintf( ' %s="%s"', $name, esc_attr( $atts[ $name ] ) );
			}
		}
		return $html . '><script type="text/python">' . py_async_run_code( $content ) . '</script></py-async-run>';
	}
);

/**
 * The program as the author wrote it. Shortcodes run after wpautop, so its paragraphs and line breaks are
 * undone first; then the entities the editor wrote (&lt; for <, &nbsp; for indentation) are decoded.
 */
function py_async_run_code( $content ) {
	$code = preg_replace( '#</p>\s*<p>#', "\n\n", (string) $content );
	$code = preg_replace( '#<br\s*/?>\n?#', "\n", $code );
	$code = html_entity_decode( $code, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	$code = str_replace( "\u{00A0}", ' ', $code );
	// Nothing can stand for "</script" inside a script element; a program that prints it needs src= instead.
	return str_ireplace( '</script', '<\/script', $code );
}
