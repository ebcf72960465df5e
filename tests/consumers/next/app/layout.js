// No favicon request (a 404 would be a console error in the matrix).
export const metadata = { title: 'next', icons: { icon: 'data:,' } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
